using CloudGov.Baselines.Model;

namespace CloudGov.Baselines.Rules;

/// <summary>Tenant data stays in the tenant's province (CloudGov policy over GB/T 22239-2019 8.2.4.5 a).</summary>
public sealed class TenantProvinceResidencyRule : IBaselineRule
{
    /// <summary>The rule's id.</summary>
    public const string RuleId = "data-in-tenant-province";

    /// <inheritdoc />
    public RuleDescriptor Descriptor { get; } = new(
        RuleId,
        "A workload runs in its tenant's province",
        RuleSource.CloudGov,
        "CloudGov policy: 数据不出省 (over GB/T 22239-2019 8.2.4.5 a)",
        RuleSubject.WorkloadInZone,
        LevelSet.All,
        Severity.High,
        RuleMode.Audit,
        RuleAction.None,
        "将该系统迁回本部门所在省份的云区，或更正其数据驻留设置。",
        "Move the system back to a zone in its tenant's province, or correct its residency.",
        [FactKeys.ZoneRegionCode, FactKeys.WorkloadProvince]);

    /// <inheritdoc />
    public RuleVerdict Evaluate(ZoneFacts? zone, WorkloadFacts? workload)
    {
        if (zone is null || workload is null || workload.Province.Length != 2 || zone.RegionCode.Length < 2)
        {
            return RuleVerdict.NotApplicable;
        }

        var evidence = new[]
        {
            new Evidence(FactKeys.ZoneRegionCode, zone.RegionCode, $"starts with {workload.Province}"),
            new Evidence(FactKeys.WorkloadProvince, workload.Province, $"= {zone.RegionCode[..2]}"),
        };
        return zone.RegionCode.StartsWith(workload.Province, StringComparison.Ordinal)
            ? RuleVerdict.Pass(evidence)
            : RuleVerdict.Violation($"runs in region {zone.RegionCode}, outside its tenant's province {workload.Province}", $"运行在 {zone.RegionCode}，不在本部门所在省份 {workload.Province}", evidence);
    }
}
