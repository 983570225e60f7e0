using CloudGov.Baselines.Model;

namespace CloudGov.Baselines.Rules;

/// <summary>Audit logging is enabled in the zone (GB/T 22239-2019 8.2.3.3 (安全审计 a), 8.1.4.3 a).</summary>
public sealed class AuditLoggingRule : ZoneRule
{
    /// <summary>The rule's id.</summary>
    public const string RuleId = "audit-logging-enabled";

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        RuleId,
        "Audit logging is enabled in the zone",
        RuleSource.Mlps,
        "GB/T 22239-2019 8.2.3.3 (安全审计 a), 8.1.4.3 a",
        RuleSubject.Zone,
        LevelSet.From(2),
        Severity.High,
        RuleMode.Enforce,
        RuleAction.None,
        "启用云平台操作审计（云 API 与管理面特权操作），并接入集中审计。",
        "Turn on the zone's audit logging (cloud API and privileged management operations) and ship it to central audit.",
        [FactKeys.AuditLogging]);

    /// <inheritdoc />
    protected override RuleVerdict Check(ZoneFacts zone) =>
        FactCheck.Equal(zone, FactKeys.AuditLogging, "enabled", "audit logging is off", "云区未启用审计日志");
}
