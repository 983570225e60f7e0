using CloudGov.Baselines.Model;

namespace CloudGov.Baselines.Rules;

/// <summary>EC2 instances require IMDSv2 (CIS Amazon Web Services Foundations Benchmark v3.0.0, 5.6).</summary>
public sealed class AwsImdsV2Rule : ZoneRule
{
    /// <summary>The rule's id.</summary>
    public const string RuleId = "aws-imdsv2-required";

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        RuleId,
        "EC2 instances require IMDSv2",
        RuleSource.Cis,
        "CIS Amazon Web Services Foundations Benchmark v3.0.0, 5.6",
        RuleSubject.Zone,
        LevelSet.From(2),
        Severity.High,
        RuleMode.Enforce,
        RuleAction.None,
        "为所有 EC2 实例设置 HttpTokens=required（仅允许 IMDSv2）。",
        "Set HttpTokens=required on every EC2 instance (IMDSv2 only).",
        [FactKeys.AwsImdsV2Required, FactKeys.ZoneProvider]);

    /// <inheritdoc />
    protected override RuleVerdict Check(ZoneFacts zone) =>
        zone.Provider != CloudGov.Domain.ProviderKind.AwsEc2
            ? RuleVerdict.NotApplicable
            : FactCheck.Equal(zone, FactKeys.AwsImdsV2Required, "true", "EC2 instances accept IMDSv1", "EC2 实例仍允许 IMDSv1");
}
