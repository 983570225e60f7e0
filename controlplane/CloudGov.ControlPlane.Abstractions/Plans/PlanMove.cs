namespace CloudGov.ControlPlane.Abstractions.Plans;

/// <summary>One move of a plan: a workload from one zone to another, with its reason and state.</summary>
/// <param name="Index">Position in the plan, from 0.</param>
/// <param name="WorkloadId">The workload to move.</param>
/// <param name="TenantId">Its owning tenant.</param>
/// <param name="FromZoneId">The zone it leaves.</param>
/// <param name="ToZoneId">The zone it goes to.</param>
/// <param name="Requests">What it requests (moves with it).</param>
/// <param name="MigrationCost">Its relative migration cost.</param>
/// <param name="Reason">Why it moves.</param>
/// <param name="State">Where the move is.</param>
[GenerateSerializer, Immutable, Alias("cloudgov.PlanMove")]
public sealed record PlanMove(
    [property: Id(0)] int Index,
    [property: Id(1)] string WorkloadId,
    [property: Id(2)] string TenantId,
    [property: Id(3)] string FromZoneId,
    [property: Id(4)] string ToZoneId,
    [property: Id(5)] ResourceVector Requests,
    [property: Id(6)] double MigrationCost,
    [property: Id(7)] PlanReason Reason,
    [property: Id(8)] MoveState State);
