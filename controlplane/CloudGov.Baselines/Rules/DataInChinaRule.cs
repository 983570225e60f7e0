using CloudGov.Baselines.Model;

namespace CloudGov.Baselines.Rules;

/// <summary>Tenant data is stored in China (GB/T 22239-2019 8.2.4.5 (数据完整性和保密性 a)).</summary>
public sealed class DataInChinaRule : ZoneRule
{
    /// <summary>The rule's id.</summary>
    public const string RuleId = "data-in-china";

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        RuleId,
        "Tenant data is stored in China",
        RuleSource.Mlps,
        "GB/T 22239-2019 8.2.4.5 (数据完整性和保密性 a)",
        RuleSubject.Zone,
        LevelSet.All,
        Severity.Critical,
        RuleMode.Enforce,
        RuleAction.None,
        "确保云服务客户数据（含备份）存储于中国境内。",
        "Keep tenant data, backups included, stored inside China.",
        [FactKeys.DataCountry]);

    /// <inheritdoc />
    protected override RuleVerdict Check(ZoneFacts zone) =>
        FactCheck.Equal(zone, FactKeys.DataCountry, "CN", "tenant data is stored outside China", "云服务客户数据存储于中国境外");
}
