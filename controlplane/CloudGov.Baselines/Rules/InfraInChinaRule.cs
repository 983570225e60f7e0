using CloudGov.Baselines.Model;

namespace CloudGov.Baselines.Rules;

/// <summary>Cloud infrastructure is located in China (GB/T 22239-2019 8.2.1.1 (基础设施位置)).</summary>
public sealed class InfraInChinaRule : ZoneRule
{
    /// <summary>The rule's id.</summary>
    public const string RuleId = "infra-in-china";

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        RuleId,
        "Cloud infrastructure is located in China",
        RuleSource.Mlps,
        "GB/T 22239-2019 8.2.1.1 (基础设施位置)",
        RuleSubject.Zone,
        LevelSet.All,
        Severity.Critical,
        RuleMode.Enforce,
        RuleAction.Quarantine,
        "将云计算基础设施迁回中国境内，整改前该云区被隔离。",
        "Move the zone's cloud infrastructure back inside China; the zone stays quarantined until then.",
        [FactKeys.InfraCountry]);

    /// <inheritdoc />
    protected override RuleVerdict Check(ZoneFacts zone) =>
        FactCheck.Equal(zone, FactKeys.InfraCountry, "CN", "cloud infrastructure is not located in China", "云计算基础设施不在中国境内");
}
