using CloudGov.Baselines.Model;

namespace CloudGov.Baselines.Rules;

/// <summary>Level-4 systems run only in dedicated resource pools (GB/T 22239-2019 9.2.2.1, 网络架构: 应为第四级业务应用系统划分独立的资源池).</summary>
public sealed class DedicatedPoolRule : ZoneRule
{
    /// <summary>The rule's id.</summary>
    public const string RuleId = "level4-dedicated-pool";

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        RuleId,
        "Level-4 systems run only in dedicated resource pools",
        RuleSource.Mlps,
        "GB/T 22239-2019 9.2.2.1 (第四级 网络架构: 应为第四级业务应用系统划分独立的资源池)",
        RuleSubject.Zone,
        LevelSet.Of(4),
        Severity.High,
        RuleMode.Enforce,
        RuleAction.None,
        "第四级系统只部署在专属资源池；将该云区设为专属资源池或不承载第四级系统。",
        "Run level-4 systems only in a dedicated pool: make the zone's pool dedicated, or host no level-4 system there.",
        [FactKeys.PoolDedicated]);

    /// <inheritdoc />
    protected override RuleVerdict Check(ZoneFacts zone) =>
        FactCheck.Equal(zone, FactKeys.PoolDedicated, "true", "the zone's resource pool is shared, not dedicated", "云区资源池为共享资源池，非专属资源池");
}
