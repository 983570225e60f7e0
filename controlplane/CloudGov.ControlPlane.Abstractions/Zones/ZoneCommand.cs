namespace CloudGov.ControlPlane.Abstractions.Zones;

/// <summary>
/// A command for a zone's agent. Stored by the zone grain until the agent reports its outcome, and delivered
/// again on every new stream until then; the agent de-duplicates by <see cref="CommandId"/>.
/// </summary>
/// <remarks>
/// Ids 2-6 held the workload's fields one by one before the spec was shared (id 8). They are still read, so that commands
/// stored by that release are carried over (<see cref="Upgraded"/>), and never written or reused.
/// </remarks>
[GenerateSerializer, Immutable, Alias("cloudgov.ZoneCommand")]
public sealed record ZoneCommand(
    [property: Id(0)] string CommandId,
    [property: Id(1)] ZoneCommandKind Kind,
    [property: Id(8)] WorkloadSpec Workload,
    [property: Id(7)] DateTimeOffset Deadline)
{
    /// <summary>
    /// The rebalance plan that sent the command, told at once (<see cref="Plans.IRebalancePlanGrain.ZoneChangedAsync"/>) when
    /// the agent answers it or, for a place, when the workload's state changes in the zone; null for a command nobody waits on.
    /// Added in issue 12 (a new id; commands stored before it have none and are followed by the plan's poll).
    /// </summary>
    [Id(9)] public string? PlanId { get; init; }

    /// <summary>The workload the command acts on.</summary>
    public string WorkloadId => Workload.WorkloadId;

    /// <summary>Read only: the workload id as a release before the shared spec stored it.</summary>
    [Id(2)] public string? LegacyWorkloadId { get; init; }

    /// <summary>Read only: the tenant as a release before the shared spec stored it.</summary>
    [Id(3)] public string? LegacyTenantId { get; init; }

    /// <summary>Read only: the system as a release before the shared spec stored it.</summary>
    [Id(4)] public string? LegacySystem { get; init; }

    /// <summary>Read only: the requests as a release before the shared spec stored them.</summary>
    [Id(5)] public ResourceVector LegacyRequests { get; init; }

    /// <summary>Read only: the MLPS level as a release before the shared spec stored it.</summary>
    [Id(6)] public MlpsLevel LegacyMlpsLevel { get; init; }

    /// <summary>The command in this release's shape: one read from the earlier layout gets its spec from ids 2-6.</summary>
    public ZoneCommand Upgraded() => Workload is not null
        ? this
        : this with
        {
            Workload = new WorkloadSpec(LegacyWorkloadId ?? string.Empty, LegacyTenantId ?? string.Empty, LegacySystem ?? string.Empty, Requests: LegacyRequests, MlpsLevel: LegacyMlpsLevel),
            LegacyWorkloadId = null,
            LegacyTenantId = null,
            LegacySystem = null,
            LegacyRequests = default,
            LegacyMlpsLevel = default,
        };
}
