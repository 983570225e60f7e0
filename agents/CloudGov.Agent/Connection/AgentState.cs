namespace CloudGov.Agent.Connection;

/// <summary>
/// What an agent keeps across reconnects: the report sequence, the unacknowledged backlog and the outcome of
/// recent commands. Observable, so tests and the demo can tell how far an agent got.
/// </summary>
public sealed class AgentState(IOptions<AgentOptions> options)
{
    private readonly object _gate = new();
    private ulong _sequence;
    private ulong _acknowledged;
    private ulong _lastSent;
    private int _connected;
    private int _hostStops;

    /// <summary>Reports not yet acknowledged as durable.</summary>
    public ReportBacklog Backlog { get; } = new(Math.Clamp(options.Value.BacklogCapacity, 1, 100_000));

    /// <summary>Outcomes of recent commands, by id.</summary>
    public CommandLedger Commands { get; } = new();

    /// <summary>True while a stream is open and welcomed.</summary>
    public bool Connected => Volatile.Read(ref _connected) == 1;

    /// <summary>The last sequence sent on a stream.</summary>
    public ulong LastSent
    {
        get
        {
            lock (_gate)
            {
                return _lastSent;
            }
        }
    }

    /// <summary>The highest sequence the control plane acknowledged as durable.</summary>
    public ulong Acknowledged
    {
        get
        {
            lock (_gate)
            {
                return _acknowledged;
            }
        }
    }

    /// <summary>How many sessions were welcomed.</summary>
    public int Sessions { get; private set; }

    /// <summary>How many sessions a control-plane host ended (or refused) because it was stopping (see <see cref="HostStopping"/>).</summary>
    public int HostStops => Volatile.Read(ref _hostStops);

    /// <summary>Raised after every report sent (for tests and the demo).</summary>
    public event Action<ulong>? ReportSent;

    /// <summary>Records that a host ended a session because it was stopping.</summary>
    public void HostStopped() => Interlocked.Increment(ref _hostStops);

    /// <summary>Marks the agent connected or not.</summary>
    public void SetConnected(bool connected) => Volatile.Write(ref _connected, connected ? 1 : 0);

    /// <summary>Applies a Welcome: the sequence continues after what the control plane has, and what it has is acknowledged.</summary>
    public void Welcomed(ulong lastAccepted)
    {
        lock (_gate)
        {
            _sequence = Math.Max(_sequence, lastAccepted);
            _acknowledged = Math.Max(_acknowledged, lastAccepted);
            Sessions++;
        }

        Backlog.Acknowledge(lastAccepted);
        SetConnected(true);
    }

    /// <summary>The next report sequence.</summary>
    public ulong NextSequence()
    {
        lock (_gate)
        {
            return ++_sequence;
        }
    }

    /// <summary>Records that a report went out.</summary>
    public void Reported(ulong sequence)
    {
        lock (_gate)
        {
            _lastSent = Math.Max(_lastSent, sequence);
        }

        ReportSent?.Invoke(sequence);
    }

    /// <summary>Applies an acknowledgement.</summary>
    public void Acknowledge(ulong durableSequence)
    {
        lock (_gate)
        {
            _acknowledged = Math.Max(_acknowledged, durableSequence);
        }

        Backlog.Acknowledge(durableSequence);
    }
}
