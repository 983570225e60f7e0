using CloudGov.Baselines.Model;

namespace CloudGov.Baselines.Rules;

/// <summary>Administrators authenticate without passwords alone (GB/T 22239-2019 8.1.4.1 (身份鉴别 d)).</summary>
public sealed class StrongAdminAuthRule : ZoneRule
{
    /// <summary>The rule's id.</summary>
    public const string RuleId = "ssh-password-auth-disabled";

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        RuleId,
        "Administrators authenticate without passwords alone",
        RuleSource.Mlps,
        "GB/T 22239-2019 8.1.4.1 (身份鉴别 d)",
        RuleSubject.Zone,
        LevelSet.From(3),
        Severity.High,
        RuleMode.Enforce,
        RuleAction.None,
        "关闭 SSH 口令登录，改用密钥或双因素鉴别。",
        "Turn off SSH password authentication; use keys or two-factor authentication.",
        [FactKeys.SshPasswordAuth]);

    /// <inheritdoc />
    protected override RuleVerdict Check(ZoneFacts zone) =>
        FactCheck.Equal(zone, FactKeys.SshPasswordAuth, "disabled", "SSH password authentication is on", "SSH 允许口令登录");
}
