namespace CloudGov.ControlPlane.Abstractions.Zones;

/// <summary>One grain per zone (keyed by zone id): its description, latest report, status and agent connection.</summary>
[Alias("cloudgov.IZoneGrain")]
public interface IZoneGrain : IGrainWithStringKey
{
    /// <summary>Registers (or re-registers) the zone's agent for a stream session; returns the last durable report sequence.</summary>
    [Alias("Register")]
    Task<ulong> RegisterAsync(ZoneDescriptor descriptor, Guid sessionId);

    /// <summary>Applies a report unless its sequence is not newer than the last applied one.</summary>
    [Alias("Report")]
    Task<ReportOutcome> ReportAsync(ZoneReportData report);

    /// <summary>
    /// Subscribes <paramref name="observer"/> (the host serving stream <paramref name="sessionId"/>) to the zone's pushes,
    /// replacing any earlier subscription, if <paramref name="sessionId"/> is the current session; returns the last durable
    /// report sequence. Ended by <see cref="AgentDisconnectedAsync"/> for the same session, a newer registration or a failed push.
    /// </summary>
    [Alias("Subscribe")]
    Task<ulong> SubscribeAsync(Guid sessionId, IZoneSessionObserver observer);

    /// <summary>Marks the agent disconnected if <paramref name="sessionId"/> is still its current session (and drops its subscription).</summary>
    [Alias("AgentDisconnected")]
    Task AgentDisconnectedAsync(Guid sessionId);

    /// <summary>The zone's up-to-date summary (the index's may lag); null when no agent ever registered it.</summary>
    [Alias("GetSummary")]
    Task<ZoneSummary?> GetSummaryAsync();

    /// <summary>Returns the zone with its workloads; null when no agent ever registered it.</summary>
    [Alias("Get")]
    Task<ZoneDetail?> GetAsync();

    /// <summary>Moves the zone to Unreachable if its agent missed reports past the staleness window; returns the status.</summary>
    [Alias("CheckStaleness")]
    Task<ZoneStatus> CheckStalenessAsync();

    /// <summary>Stores a command for the zone's agent (idempotent by id); it is delivered until the agent answers.</summary>
    [Alias("EnqueueCommand")]
    Task EnqueueCommandAsync(ZoneCommand command);

    /// <summary>The commands the agent has not answered yet, oldest first.</summary>
    [Alias("GetPendingCommands")]
    Task<ImmutableArray<ZoneCommand>> GetPendingCommandsAsync();

    /// <summary>Records the agent's answer to a command (a repeated answer changes nothing).</summary>
    [Alias("CompleteCommand")]
    Task CompleteCommandAsync(string commandId, bool succeeded, string message);

    /// <summary>The outcome of a command; null when the zone never had it (or it aged out of the recent history).</summary>
    [Alias("GetCommandOutcome")]
    Task<ZoneCommandOutcome?> GetCommandOutcomeAsync(string commandId);

    /// <summary>The approved waivers of this zone's rules (pushed by the baseline grain on every approval, revocation or expiry sweep).</summary>
    [Alias("SetBaselineWaivers")]
    Task SetBaselineWaiversAsync(ImmutableArray<Baselines.ZoneWaiver> waivers);

    /// <summary>The zone's status, connection, and the given workloads' states and commands' outcomes, in one call.</summary>
    [Alias("Probe")]
    Task<ZoneProbe> ProbeAsync(ImmutableArray<string> workloadIds, ImmutableArray<string> commandIds);
}
