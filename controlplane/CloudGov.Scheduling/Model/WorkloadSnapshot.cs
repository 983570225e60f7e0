using CloudGov.Domain;

namespace CloudGov.Scheduling.Model;

/// <summary>
/// An immutable view of one workload (业务系统) as the scheduler sees it. Scheduling uses
/// <see cref="Requests"/>, as Kubernetes does; <see cref="Usage"/> is carried for reports.
/// </summary>
public sealed record WorkloadSnapshot
{
    /// <summary>Stable workload id.</summary>
    public required string Id { get; init; }

    /// <summary>Owning tenant (department).</summary>
    public required string TenantId { get; init; }

    /// <summary>The system or project the workload belongs to.</summary>
    public string SystemId { get; init; } = "";

    /// <summary>Requested resources; what the scheduler allocates.</summary>
    public required ResourceVector Requests { get; init; }

    /// <summary>Observed usage, for reports.</summary>
    public ResourceVector Usage { get; init; }

    /// <summary>The MLPS level the workload requires; a zone must be certified at this level or higher.</summary>
    public required MlpsLevel RequiredLevel { get; init; }

    /// <summary>
    /// Region codes the workload may live in (data residency). Empty means anywhere. A code matches by its
    /// significant prefix: 450000 (or 45) covers all of Guangxi, 450100 (or 4501) all of 南宁, 450102 only
    /// that county. See <see cref="RegionCodes"/>.
    /// </summary>
    public IReadOnlyList<string> AllowedRegions { get; init; } = [];

    /// <summary>The network plane the workload must run in.</summary>
    public required NetworkPlane NetworkPlane { get; init; }

    /// <summary>False for pinned workloads, which the rebalancer never moves.</summary>
    public bool Movable { get; init; } = true;

    /// <summary>Relative cost of migrating the workload (data volume, downtime risk); default 1.0, non-negative.</summary>
    public double MigrationCost { get; init; } = 1.0;

    /// <summary>Priority; higher-priority workloads are moved last.</summary>
    public int Priority { get; init; }

    /// <summary>Workloads sharing a group never share a zone. Null for none.</summary>
    public string? AntiAffinityGroup { get; init; }

    /// <summary>The zone the workload runs in, or null when it is not placed yet.</summary>
    public string? CurrentZoneId { get; init; }

    /// <summary>When the workload was last migrated; drives the per-workload cooldown.</summary>
    public DateTimeOffset? LastMovedAt { get; init; }
}
