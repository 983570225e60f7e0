namespace CloudGov.ControlPlane.Grains.Zones;

/// <summary>
/// A zone's command queue as pure functions over <see cref="ZoneState"/>: what storing a command, recording its answer
/// and looking it up do. No Orleans: the zone grain stores what these return, and only then makes it current.
/// </summary>
/// <remarks>
/// Ordering: <see cref="ZoneState.PendingCommands"/> keeps commands in the order they were stored (a command is only ever
/// appended, and removed when answered), and <see cref="Pending"/> returns them in that order. The gateway delivers them in
/// that order and the agent carries them out one at a time in the order they arrive, so a zone's agent carries out its
/// commands in queue order (the gateway's <c>CommandDelivery</c>, the agent's <c>AgentSession</c>).
/// </remarks>
internal static class ZoneCommandQueue
{
    /// <summary>How many finished command outcomes a zone keeps for look-ups and de-duplication.</summary>
    public const int FinishedKept = 1000;

    /// <summary>How many placement times a zone keeps for the rebalancer's cooldown.</summary>
    public const int PlacementsKept = 10_000;

    /// <summary>The state with <paramref name="command"/> appended; null when the zone already has it (pending or finished): storing is idempotent by id.</summary>
    public static ZoneState? Enqueue(ZoneState state, ZoneCommand command)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        if (state.PendingCommands.Any(c => c.CommandId == command.CommandId) || state.FinishedCommands.Any(c => c.CommandId == command.CommandId))
        {
            return null;
        }

        return state with { PendingCommands = state.PendingCommands.Add(command) };
    }

    /// <summary>The commands not answered yet, in queue order (oldest first).</summary>
    public static ImmutableArray<ZoneCommand> Pending(ZoneState state) => [.. state.PendingCommands];

    /// <summary>
    /// The state once the agent answered <paramref name="commandId"/> at <paramref name="now"/>: the command leaves the queue,
    /// its outcome joins the newest <see cref="FinishedKept"/>, and a successful place records when the workload arrived
    /// (the newest <see cref="PlacementsKept"/>). Null when the command is not pending (unknown, or answered before).
    /// </summary>
    public static (ZoneState Next, ZoneCommand Command)? Complete(ZoneState state, string commandId, bool succeeded, string message, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var pending = state.PendingCommands.Find(c => c.CommandId == commandId);
        if (pending is null)
        {
            return null;
        }

        var finished = state.FinishedCommands.Add(new ZoneCommandOutcome(commandId, true, succeeded, message, now));
        if (finished.Count > FinishedKept)
        {
            finished = finished.RemoveRange(0, finished.Count - FinishedKept);
        }

        var placedAt = state.PlacedAt;
        if (succeeded && pending.Kind == ZoneCommandKind.Place)
        {
            placedAt = placedAt.SetItem(pending.WorkloadId, now);
            if (placedAt.Count > PlacementsKept)
            {
                placedAt = placedAt.RemoveRange(placedAt.OrderBy(p => p.Value).Take(placedAt.Count - PlacementsKept).Select(p => p.Key));
            }
        }

        return (state with { PendingCommands = state.PendingCommands.Remove(pending), FinishedCommands = finished, PlacedAt = placedAt }, pending);
    }

    /// <summary>What became of <paramref name="commandId"/>: pending (not finished), finished with its answer, or null when the zone does not know it.</summary>
    public static ZoneCommandOutcome? Outcome(ZoneState state, string commandId)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.PendingCommands.Any(c => c.CommandId == commandId))
        {
            return new ZoneCommandOutcome(commandId, false, false, string.Empty, null);
        }

        return state.FinishedCommands.Find(c => c.CommandId == commandId);
    }
}
