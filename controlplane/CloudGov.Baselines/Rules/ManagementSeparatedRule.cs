using CloudGov.Baselines.Model;

namespace CloudGov.Baselines.Rules;

/// <summary>Management traffic is separated from tenant traffic (GB/T 22239-2019 8.2.5.1 (集中管控 b)).</summary>
public sealed class ManagementSeparatedRule : ZoneRule
{
    /// <summary>The rule's id.</summary>
    public const string RuleId = "mgmt-traffic-separated";

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        RuleId,
        "Management traffic is separated from tenant traffic",
        RuleSource.Mlps,
        "GB/T 22239-2019 8.2.5.1 (集中管控 b)",
        RuleSubject.Zone,
        LevelSet.From(3),
        Severity.High,
        RuleMode.Enforce,
        RuleAction.None,
        "为云计算平台管理流量配置独立的管理网络，与云服务客户业务流量分离。",
        "Carry management traffic on its own network, separated from tenant traffic.",
        [FactKeys.ManagementSeparated]);

    /// <inheritdoc />
    protected override RuleVerdict Check(ZoneFacts zone) =>
        FactCheck.Equal(zone, FactKeys.ManagementSeparated, "true", "management traffic shares the tenant network", "管理流量与业务流量未分离");
}
