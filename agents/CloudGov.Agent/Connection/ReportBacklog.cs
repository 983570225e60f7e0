namespace CloudGov.Agent.Connection;

/// <summary>
/// Reports sent or waiting to be sent that the control plane has not yet acknowledged as durable, in sequence order.
/// Bounded: when full, the oldest report is dropped (its successors carry newer state).
/// </summary>
public sealed class ReportBacklog(int capacity)
{
    private readonly LinkedList<ZoneReport> _reports = new();
    private readonly object _gate = new();

    /// <summary>Reports dropped because the backlog was full.</summary>
    public long Dropped { get; private set; }

    /// <summary>Reports held now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _reports.Count;
            }
        }
    }

    /// <summary>Adds a report (its sequence must be greater than every held one).</summary>
    public void Add(ZoneReport report)
    {
        lock (_gate)
        {
            if (_reports.Last is { } last && last.Value.Sequence >= report.Sequence)
            {
                throw new InvalidOperationException($"report {report.Sequence} is not newer than the backlog's last ({last.Value.Sequence})");
            }

            _reports.AddLast(report);
            while (_reports.Count > capacity)
            {
                _reports.RemoveFirst();
                Dropped++;
            }
        }
    }

    /// <summary>Forgets every report up to and including <paramref name="durableSequence"/>.</summary>
    public void Acknowledge(ulong durableSequence)
    {
        lock (_gate)
        {
            while (_reports.First is { } first && first.Value.Sequence <= durableSequence)
            {
                _reports.RemoveFirst();
            }
        }
    }

    /// <summary>The held reports, oldest first.</summary>
    public IReadOnlyList<ZoneReport> Snapshot()
    {
        lock (_gate)
        {
            return [.. _reports];
        }
    }
}
