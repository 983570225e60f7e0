using CloudGov.Baselines.Model;

namespace CloudGov.Baselines.Rules;

/// <summary>Audit records are kept at least 180 days (网络安全法 第二十一条 (日志留存不少于六个月); GB/T 22239-2019 8.1.4.3 c).</summary>
public sealed class AuditRetentionRule : ZoneRule
{
    /// <summary>The rule's id.</summary>
    public const string RuleId = "audit-log-retention";

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        RuleId,
        "Audit records are kept at least 180 days",
        RuleSource.CloudGov,
        "网络安全法 第二十一条 (日志留存不少于六个月); GB/T 22239-2019 8.1.4.3 c",
        RuleSubject.Zone,
        LevelSet.From(2),
        Severity.Medium,
        RuleMode.Audit,
        RuleAction.None,
        "将审计日志留存期设为不少于 180 天。",
        "Keep audit records for at least 180 days.",
        [FactKeys.AuditLogRetentionDays]);

    /// <inheritdoc />
    protected override RuleVerdict Check(ZoneFacts zone) =>
        FactCheck.Within(zone, FactKeys.AuditLogRetentionDays, 180, long.MaxValue, "audit records are kept less than 180 days", "审计日志留存不足 180 天");
}
