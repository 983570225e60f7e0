using System.Collections.Immutable;
using CloudGov.Domain;

namespace CloudGov.Scheduling.Model;

/// <summary>
/// An immutable view of one cloud zone (云区) as the scheduler sees it. Grains map their state to this record.
/// </summary>
public sealed record ZoneSnapshot
{
    /// <summary>Stable slug, see <see cref="ZoneId"/>.</summary>
    public required string Id { get; init; }

    /// <summary>Display name, usually Chinese (e.g. 南宁政务云华为区).</summary>
    public string DisplayName { get; init; } = "";

    /// <summary>The administrative level the zone serves.</summary>
    public AdministrativeLevel AdministrativeLevel { get; init; } = AdministrativeLevel.City;

    /// <summary>The 6-digit administrative division code of the zone's location (e.g. 450100 南宁).</summary>
    public required string RegionCode { get; init; }

    /// <summary>The provider the zone's agent drives.</summary>
    public ProviderKind Provider { get; init; } = ProviderKind.Simulated;

    /// <summary>The MLPS level the zone is certified for.</summary>
    public required MlpsLevel MlpsLevel { get; init; }

    /// <summary>The network plane the zone sits on.</summary>
    public required NetworkPlane NetworkPlane { get; init; }

    /// <summary>Physical capacity.</summary>
    public required ResourceVector Capacity { get; init; }

    /// <summary>Over-commit ratios; the allocatable capacity is <c>Capacity × OverCommit</c>.</summary>
    public OverCommit OverCommit { get; init; } = OverCommit.None;

    /// <summary>
    /// Target utilization (fraction of allocatable, every dimension) the rebalancer keeps the zone under.
    /// Range (0, 1]; default 0.80.
    /// </summary>
    public double TargetUtilization { get; init; } = 0.80;

    /// <summary>The zone's status; only <see cref="ZoneStatus.Ready"/> zones receive workloads.</summary>
    public ZoneStatus Status { get; init; } = ZoneStatus.Ready;

    /// <summary>False when an enforced security baseline currently fails for the zone at every level.</summary>
    public bool IsCompliant { get; init; } = true;

    /// <summary>
    /// Per MLPS level (index 0 = level 1 … 3 = level 4): the enforced, unwaived security-baseline rule that makes the zone
    /// unfit for systems of that level, or null when it is fit. Empty (default): fit at every level.
    /// </summary>
    public ImmutableArray<string?> BaselineBlocks { get; init; } = [];

    /// <summary>
    /// The enforced, unwaived security-baseline rule with the evacuate action the zone violates, or null. Such a zone is
    /// given to the scheduler as <see cref="ZoneStatus.Draining"/>: its movable workloads must leave (reason
    /// <see cref="Filters.ReasonCodes.BaselineEvacuation"/>) and it receives nothing.
    /// </summary>
    public string? EvacuationRule { get; init; }

    /// <summary>The rule that makes the zone unfit for a system of <paramref name="level"/>, or null when it is fit.</summary>
    public string? BaselineBlock(MlpsLevel level)
    {
        int i = (int)level - 1;
        return BaselineBlocks.IsDefaultOrEmpty || i < 0 || i >= BaselineBlocks.Length ? null : BaselineBlocks[i];
    }

    /// <summary>Relative unit price of the zone (1.0 = reference); used by the cost score.</summary>
    public double UnitCost { get; init; } = 1.0;

    /// <summary>What the zone may allocate: capacity scaled by the over-commit ratios.</summary>
    public ResourceVector Allocatable => OverCommit.Allocatable(Capacity);
}
