using CloudGov.Domain;

namespace CloudGov.Scheduling.Rebalancing;

/// <summary>One proposed migration, executed make-before-break by the plan grain.</summary>
/// <param name="WorkloadId">The workload to move.</param>
/// <param name="TenantId">Its owning tenant.</param>
/// <param name="FromZoneId">The zone it leaves.</param>
/// <param name="ToZoneId">The zone it goes to.</param>
/// <param name="Requests">What it requests (moves with it).</param>
/// <param name="MigrationCost">Its relative migration cost.</param>
/// <param name="Reason">Why it moves.</param>
public sealed record Move(
    string WorkloadId,
    string TenantId,
    string FromZoneId,
    string ToZoneId,
    ResourceVector Requests,
    double MigrationCost,
    Reason Reason);
