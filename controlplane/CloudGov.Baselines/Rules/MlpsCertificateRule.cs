using CloudGov.Baselines.Model;

namespace CloudGov.Baselines.Rules;

/// <summary>The zone's MLPS assessment certificate is in force (CloudGov policy: 等级测评报告在有效期内 (网络安全等级保护测评; not a clause of GB/T 22239-2019)).</summary>
public sealed class MlpsCertificateRule : ZoneRule
{
    /// <summary>The rule's id.</summary>
    public const string RuleId = "mlps-certificate-valid";

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        RuleId,
        "The zone's MLPS assessment certificate is in force",
        RuleSource.CloudGov,
        "CloudGov policy: 等级测评报告在有效期内 (网络安全等级保护测评; not a clause of GB/T 22239-2019)",
        RuleSubject.Zone,
        LevelSet.All,
        Severity.High,
        RuleMode.Enforce,
        RuleAction.None,
        "完成等级测评并更新测评报告。",
        "Complete the MLPS assessment and renew the certificate.",
        [FactKeys.MlpsCertificate]);

    /// <inheritdoc />
    protected override RuleVerdict Check(ZoneFacts zone) =>
        FactCheck.Equal(zone, FactKeys.MlpsCertificate, "valid", "the MLPS assessment certificate is not in force", "等级测评报告不在有效期内");
}
