namespace CloudGov.ControlPlane.Abstractions.Zones;

/// <summary>
/// What a plan needs to know of one zone to drive its moves, in one call: the zone's effective status and agent
/// connection, the state of the asked-for workloads in its last report, and the outcome of the asked-for commands.
/// </summary>
/// <param name="ZoneId">The zone.</param>
/// <param name="Registered">False when no agent ever registered the zone.</param>
/// <param name="Status">Its status with staleness applied.</param>
/// <param name="AgentConnected">True while its agent holds a stream open.</param>
/// <param name="Workloads">The asked-for workloads present in the last report, with their state; absent ones are left out.</param>
/// <param name="Commands">The asked-for commands the zone knows (pending ones with <see cref="ZoneCommandOutcome.Finished"/> false); unknown ones are left out.</param>
[GenerateSerializer, Immutable, Alias("cloudgov.ZoneProbe")]
public sealed record ZoneProbe(
    [property: Id(0)] string ZoneId,
    [property: Id(1)] bool Registered,
    [property: Id(2)] ZoneStatus Status,
    [property: Id(3)] bool AgentConnected,
    [property: Id(4)] ImmutableDictionary<string, WorkloadState> Workloads,
    [property: Id(5)] ImmutableDictionary<string, ZoneCommandOutcome> Commands)
{
    /// <summary>
    /// The access-control policy the zone reports in force for each probed workload (absent when its provider cannot tell).
    /// Id 6: the security baseline's post-move check (access-policy-follows-migration).
    /// </summary>
    [Id(6)] public ImmutableDictionary<string, AccessPolicy> AccessPolicies { get; init; } = ImmutableDictionary<string, AccessPolicy>.Empty;
}
