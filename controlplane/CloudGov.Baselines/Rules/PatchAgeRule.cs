using CloudGov.Baselines.Model;

namespace CloudGov.Baselines.Rules;

/// <summary>Security patches are applied within 30 days (GB/T 22239-2019 8.1.4.4 (入侵防范 e)).</summary>
public sealed class PatchAgeRule : ZoneRule
{
    /// <summary>The rule's id.</summary>
    public const string RuleId = "patch-age";

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        RuleId,
        "Security patches are applied within 30 days",
        RuleSource.Mlps,
        "GB/T 22239-2019 8.1.4.4 (入侵防范 e)",
        RuleSubject.Zone,
        LevelSet.From(3),
        Severity.Medium,
        RuleMode.Enforce,
        RuleAction.None,
        "在 30 天内完成已知漏洞补丁的测试与安装。",
        "Test and install known-vulnerability patches within 30 days.",
        [FactKeys.PatchMaxAgeDays]);

    /// <inheritdoc />
    protected override RuleVerdict Check(ZoneFacts zone) =>
        FactCheck.Within(zone, FactKeys.PatchMaxAgeDays, 0, 30, "a security patch is missing for more than 30 days", "存在超过 30 天未安装的安全补丁");
}
