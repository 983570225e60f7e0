using CloudGov.Baselines.Model;

namespace CloudGov.Baselines.Rules;

/// <summary>The zone's agent is connected with a verified identity (CloudGov policy: agents on mutual TLS with a CloudGov-issued zone certificate).</summary>
public sealed class AgentIdentityRule : ZoneRule
{
    /// <summary>The rule's id.</summary>
    public const string RuleId = "agent-identity-verified";

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        RuleId,
        "The zone's agent is connected with a verified identity",
        RuleSource.CloudGov,
        "CloudGov policy: agents on mutual TLS with a CloudGov-issued zone certificate",
        RuleSubject.Zone,
        LevelSet.All,
        Severity.High,
        RuleMode.Audit,
        RuleAction.None,
        "确认该云区代理以 CloudGov 签发的证书通过双向 TLS 接入。",
        "Connect the zone's agent over mutual TLS with its CloudGov-issued zone certificate.",
        [FactKeys.AgentIdentity]);

    /// <inheritdoc />
    protected override RuleVerdict Check(ZoneFacts zone) =>
        FactCheck.Equal(zone, FactKeys.AgentIdentity, "mtls-verified", "the agent is not connected with a verified identity", "代理未以已验证身份接入");
}
