using CloudGov.Baselines.Model;
using CloudGov.Domain;

namespace CloudGov.Baselines.Rules;

/// <summary>A zone hosts no system above its own level (GB/T 22239-2019 8.2.2.1 a), at placement, at every migration and while it runs.</summary>
public sealed class MlpsZoneLevelRule : IBaselineRule
{
    /// <summary>The rule's id.</summary>
    public const string RuleId = "mlps-zone-level";

    /// <inheritdoc />
    public RuleDescriptor Descriptor { get; } = new(
        RuleId,
        "A zone hosts no system above its own MLPS level",
        RuleSource.Mlps,
        "GB/T 22239-2019 8.2.2.1 (网络架构 a: 云计算平台不承载高于其安全保护等级的业务应用系统)",
        RuleSubject.WorkloadInZone,
        LevelSet.All,
        Severity.Critical,
        RuleMode.Enforce,
        RuleAction.Evacuate,
        "将该系统迁往等级不低于其定级的云区（已提出疏散计划）。",
        "Move the system to a zone certified at its level or higher (an evacuation plan is proposed).",
        [FactKeys.ZoneMlpsLevel, FactKeys.WorkloadMlpsLevel]);

    /// <inheritdoc />
    public RuleVerdict Evaluate(ZoneFacts? zone, WorkloadFacts? workload)
    {
        if (zone is null || workload is null || workload.MlpsLevel == MlpsLevel.Unspecified)
        {
            return RuleVerdict.NotApplicable;
        }

        var evidence = new[]
        {
            new Evidence(FactKeys.WorkloadMlpsLevel, ((int)workload.MlpsLevel).ToString(System.Globalization.CultureInfo.InvariantCulture), $"<= {(int)zone.MlpsLevel}"),
            new Evidence(FactKeys.ZoneMlpsLevel, ((int)zone.MlpsLevel).ToString(System.Globalization.CultureInfo.InvariantCulture), $">= {(int)workload.MlpsLevel}"),
        };
        return workload.MlpsLevel <= zone.MlpsLevel
            ? RuleVerdict.Pass(evidence)
            : RuleVerdict.Violation(
                $"a level-{(int)workload.MlpsLevel} system runs in a zone certified for level {(int)zone.MlpsLevel}",
                $"等保第{(int)workload.MlpsLevel}级系统运行在第{(int)zone.MlpsLevel}级云区",
                evidence);
    }
}
