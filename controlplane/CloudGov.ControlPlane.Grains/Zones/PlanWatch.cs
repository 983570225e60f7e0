namespace CloudGov.ControlPlane.Grains.Zones;

/// <summary>
/// Which rebalance plans wait on what in one zone, so the zone can tell them at once (a pure, in-memory index; a zone
/// reactivated without it leaves the plans to their poll). A plan waits on the answer to each command it sent
/// (<see cref="ZoneCommand.PlanId"/>), and after a place also on the workload's state in the zone: a plan's move goes on only
/// once the target reports the workload Running (or rolls back once it reports it Failed).
/// </summary>
internal sealed class PlanWatch
{
    /// <summary>Most placed workloads watched at once; the oldest are dropped beyond it (their plans poll).</summary>
    public const int Capacity = 1000;

    private readonly Dictionary<string, Watched> _placed = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    /// <summary>Workloads watched now.</summary>
    public int Count => _placed.Count;

    /// <summary>A place command of a plan was stored (or found pending at activation): watch its workload's state, as <paramref name="current"/> reports it.</summary>
    public void Placing(ZoneCommand command, ZoneReportData? current)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.PlanId is not { } plan || command.Kind != ZoneCommandKind.Place)
        {
            return;
        }

        if (!_placed.ContainsKey(command.WorkloadId))
        {
            _order.Enqueue(command.WorkloadId);
        }

        _placed[command.WorkloadId] = new Watched(plan, command.CommandId, StateIn(current, command.WorkloadId), Answered: false);
        while (_placed.Count > Capacity && _order.TryDequeue(out var oldest))
        {
            _placed.Remove(oldest);
        }

        if (_order.Count > 2 * Capacity)
        {
            // Ids whose watch ended stay in the queue until dequeued: rebuild it from what is watched, so it stays bounded.
            var live = _order.Where(_placed.ContainsKey).Distinct(StringComparer.Ordinal).ToList();
            _order.Clear();
            live.ForEach(_order.Enqueue);
        }
    }

    /// <summary>
    /// The agent answered <paramref name="command"/>: returns the plan to tell (null for a command nobody waits on, and for a
    /// successful place whose workload does not run yet: the report that shows it running or failed tells the plan). A
    /// failed place ends the watch; a successful one keeps it until the workload runs or fails.
    /// </summary>
    public string? Answered(ZoneCommand command, bool succeeded)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Kind == ZoneCommandKind.Place && _placed.TryGetValue(command.WorkloadId, out var watched) && watched.CommandId == command.CommandId)
        {
            if (succeeded && !Settled(watched.State))
            {
                // The plan's move goes on only once the workload runs (or fails) here, which a report will say (the agent
                // reports right after a command): waking the plan now would only find it still waiting. The report wakes it.
                _placed[command.WorkloadId] = watched with { Answered = true };
                return null;
            }
            else
            {
                _placed.Remove(command.WorkloadId);
            }
        }

        return command.PlanId;
    }

    /// <summary>
    /// A report was applied: returns the plans (each once, in no particular order) whose watched workload changed state,
    /// and stops watching a workload that runs or failed after its place was answered.
    /// </summary>
    public IReadOnlyCollection<string> Reported(ZoneReportData report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (_placed.Count == 0)
        {
            return [];
        }

        HashSet<string>? plans = null;
        List<string>? settled = null;
        foreach (var workload in report.Workloads)
        {
            if (!_placed.TryGetValue(workload.WorkloadId, out var watched) || watched.State == workload.State)
            {
                continue;
            }

            (plans ??= new HashSet<string>(StringComparer.Ordinal)).Add(watched.Plan);
            if (watched.Answered && Settled(workload.State))
            {
                (settled ??= []).Add(workload.WorkloadId);
            }
            else
            {
                _placed[workload.WorkloadId] = watched with { State = workload.State };
            }
        }

        foreach (var id in settled ?? [])
        {
            _placed.Remove(id);
        }

        return plans is null ? [] : plans;
    }

    private static bool Settled(WorkloadState? state) => state is WorkloadState.Running or WorkloadState.Failed;

    private static WorkloadState? StateIn(ZoneReportData? report, string workloadId)
    {
        if (report is null)
        {
            return null;
        }

        foreach (var w in report.Workloads)
        {
            if (string.Equals(w.WorkloadId, workloadId, StringComparison.Ordinal))
            {
                return w.State;
            }
        }

        return null;
    }

    private sealed record Watched(string Plan, string CommandId, WorkloadState? State, bool Answered);
}
