using CloudGov.Baselines.Evaluation;
using CloudGov.Baselines.Model;
using CloudGov.Baselines.Rules;
using CloudGov.Domain;

namespace CloudGov.Baselines.Tests;

public sealed class BuiltInRuleTests
{
    /// <summary>Per zone rule: the fact it reads, a violating value, the provider it needs.</summary>
    private static readonly (string Rule, string Key, string? Bad, ProviderKind Provider)[] ZoneCases =
    [
        (InfraInChinaRule.RuleId, FactKeys.InfraCountry, "SG", ProviderKind.Simulated),
        (DataInChinaRule.RuleId, FactKeys.DataCountry, "US", ProviderKind.Simulated),
        (DedicatedPoolRule.RuleId, FactKeys.PoolDedicated, "false", ProviderKind.Simulated),
        (ManagementSeparatedRule.RuleId, FactKeys.ManagementSeparated, "false", ProviderKind.Simulated),
        (EncryptionAtRestRule.RuleId, FactKeys.EncryptionAtRest, "disabled", ProviderKind.Simulated),
        (NoWorldOpenManagementPortsRule.RuleId, FactKeys.WorldOpenPorts, "443, 22", ProviderKind.Simulated),
        (NoWorldOpenManagementPortsRule.RuleId, FactKeys.WorldOpenPorts, "3389", ProviderKind.Simulated),
        (AwsImdsV2Rule.RuleId, FactKeys.AwsImdsV2Required, "false", ProviderKind.AwsEc2),
        (K8sNoPrivilegedContainersRule.RuleId, FactKeys.K8sPrivilegedContainers, "2", ProviderKind.Kubernetes),
        (AuditLoggingRule.RuleId, FactKeys.AuditLogging, "disabled", ProviderKind.Simulated),
        (AuditRetentionRule.RuleId, FactKeys.AuditLogRetentionDays, "90", ProviderKind.Simulated),
        (PatchAgeRule.RuleId, FactKeys.PatchMaxAgeDays, "45", ProviderKind.Simulated),
        (MlpsCertificateRule.RuleId, FactKeys.MlpsCertificate, "expired", ProviderKind.Simulated),
        (StrongAdminAuthRule.RuleId, FactKeys.SshPasswordAuth, "enabled", ProviderKind.Simulated),
    ];

    private static IEnumerable<TestCaseData> ZoneRuleCases() =>
        ZoneCases.Select(c => new TestCaseData(c.Rule, c.Key, c.Bad, c.Provider).SetArgDisplayNames(c.Rule, c.Bad ?? "absent"));

    private static IEnumerable<TestCaseData> AbsentCases() =>
        ZoneCases.DistinctBy(c => c.Rule).Select(c => new TestCaseData(c.Rule, c.Key, c.Provider).SetArgDisplayNames(c.Rule));

    [TestCaseSource(nameof(ZoneRuleCases))]
    public void Evaluate_CompliantZone_Passes(string ruleId, string key, string? bad, ProviderKind provider)
    {
        var verdict = Rule(ruleId).Evaluate(Facts.Zone(Facts.Compliant(), provider: provider), null);

        Assert.That(verdict.Outcome, Is.EqualTo(Outcome.Pass));
        Assert.That(verdict.Evidence.Select(e => e.Key), Does.Contain(key));
    }

    [TestCaseSource(nameof(ZoneRuleCases))]
    public void Evaluate_ViolatingZone_ViolatesWithEvidenceOfTheFact(string ruleId, string key, string? bad, ProviderKind provider)
    {
        var verdict = Rule(ruleId).Evaluate(Facts.Zone(Facts.With(key, bad), provider: provider), null);

        Assert.That(verdict.Outcome, Is.EqualTo(Outcome.Violation));
        Assert.That(verdict.Evidence.Single(e => e.Key == key).Observed, Is.EqualTo(bad));
        Assert.That(verdict.Message, Is.Not.Empty);
        Assert.That(verdict.MessageZh, Is.Not.Empty);
    }

    [TestCaseSource(nameof(AbsentCases))]
    public void Evaluate_FactNotReported_Violates(string ruleId, string key, ProviderKind provider)
    {
        var verdict = Rule(ruleId).Evaluate(Facts.Zone(Facts.With(key, null), provider: provider), null);

        Assert.That(verdict.Outcome, Is.EqualTo(Outcome.Violation));
        Assert.That(verdict.Evidence.Single(e => e.Key == key).Observed, Is.EqualTo(Evidence.Absent));
    }

    [TestCase(AwsImdsV2Rule.RuleId, FactKeys.AwsImdsV2Required)]
    [TestCase(K8sNoPrivilegedContainersRule.RuleId, FactKeys.K8sPrivilegedContainers)]
    public void Evaluate_ProviderRuleOnAnotherProvider_NotApplicable(string ruleId, string key)
    {
        var verdict = Rule(ruleId).Evaluate(Facts.Zone(Facts.With(key, null), provider: ProviderKind.Azure), null);

        Assert.That(verdict.Outcome, Is.EqualTo(Outcome.NotApplicable));
    }

    [Test]
    public void Evaluate_AgentIdentity_VerifiedPassesDisconnectedViolates()
    {
        var rule = Rule(AgentIdentityRule.RuleId);

        Assert.That(rule.Evaluate(Facts.Zone(Facts.Compliant()), null).Outcome, Is.EqualTo(Outcome.Pass));
        Assert.That(rule.Evaluate(Facts.Zone(Facts.Compliant(), agent: "disconnected"), null).Outcome, Is.EqualTo(Outcome.Violation));
    }

    [Test]
    public void Evaluate_MlpsZoneLevel_SystemAboveZoneLevelViolates()
    {
        var rule = Rule(MlpsZoneLevelRule.RuleId);
        var zone = Facts.Zone(Facts.Compliant(), level: MlpsLevel.Level2);

        Assert.That(rule.Evaluate(zone, new WorkloadFacts("w", "t", MlpsLevel.Level2)).Outcome, Is.EqualTo(Outcome.Pass));
        var verdict = rule.Evaluate(zone, new WorkloadFacts("w", "t", MlpsLevel.Level3));
        Assert.That(verdict.Outcome, Is.EqualTo(Outcome.Violation));
        Assert.That(verdict.Message, Does.Contain("level-3").And.Contain("level 2"));
    }

    [Test]
    public void Evaluate_TenantProvince_OtherProvinceViolates()
    {
        var rule = Rule(TenantProvinceResidencyRule.RuleId);
        var zone = Facts.Zone(Facts.Compliant(), region: "450100");

        Assert.That(rule.Evaluate(zone, new WorkloadFacts("w", "t", MlpsLevel.Level2, Province: "45")).Outcome, Is.EqualTo(Outcome.Pass));
        Assert.That(rule.Evaluate(zone, new WorkloadFacts("w", "t", MlpsLevel.Level2, Province: "44")).Outcome, Is.EqualTo(Outcome.Violation));
        Assert.That(rule.Evaluate(zone, new WorkloadFacts("w", "t", MlpsLevel.Level2)).Outcome, Is.EqualTo(Outcome.NotApplicable));
    }

    [Test]
    public void Evaluate_AccessPolicy_MismatchOrMissingViolates()
    {
        var rule = Rule(AccessPolicyFollowsMigrationRule.RuleId);
        var zone = Facts.Zone(Facts.Compliant());

        Assert.That(rule.Evaluate(zone, new WorkloadFacts("w", "t", MlpsLevel.Level3, AccessPolicy: "acl-7", ObservedAccessPolicy: "acl-7")).Outcome, Is.EqualTo(Outcome.Pass));
        Assert.That(rule.Evaluate(zone, new WorkloadFacts("w", "t", MlpsLevel.Level3, AccessPolicy: "acl-7", ObservedAccessPolicy: "acl-6")).Outcome, Is.EqualTo(Outcome.Violation));
        Assert.That(rule.Evaluate(zone, new WorkloadFacts("w", "t", MlpsLevel.Level3, AccessPolicy: "acl-7")).Outcome, Is.EqualTo(Outcome.Violation));
    }

    [Test]
    public void Evaluate_RogueWorkload_UnmanagedViolatesInSyncPasses()
    {
        var rule = Rule(RogueWorkloadRule.RuleId);
        var zone = Facts.Zone(Facts.Compliant());

        Assert.That(rule.Evaluate(zone, new WorkloadFacts("w", "t", MlpsLevel.Level2, LedgerState: "InSync")).Outcome, Is.EqualTo(Outcome.Pass));
        Assert.That(rule.Evaluate(zone, new WorkloadFacts("w", "t", MlpsLevel.Level2, LedgerState: RogueWorkloadRule.UnmanagedState)).Outcome, Is.EqualTo(Outcome.Violation));
    }

    [Test]
    public void BuiltIn_EveryRule_HasSourceLevelsRemediationAndFactKeys()
    {
        var pack = BaselinePack.BuiltIn();

        Assert.That(pack.Rules, Has.Count.GreaterThanOrEqualTo(15));
        foreach (var d in pack.Rules.Select(r => r.Descriptor))
        {
            Assert.That(d.SourceReference, Is.Not.Empty, d.Id);
            Assert.That(d.Levels.IsEmpty, Is.False, d.Id);
            Assert.That(d.RemediationZh, Is.Not.Empty, d.Id);
            Assert.That(d.RemediationEn, Is.Not.Empty, d.Id);
            Assert.That(d.FactKeys, Is.Not.Empty, d.Id);
            Assert.That(d.Source, Is.Not.EqualTo(RuleSource.Unspecified), d.Id);
        }
    }

    [Test]
    public void BuiltIn_CompliantZone_NoZoneRuleViolated()
    {
        var evaluation = new BaselineEvaluator(BaselinePack.BuiltIn()).EvaluateZone(Facts.Zone(Facts.Compliant()));

        Assert.That(evaluation.Violations, Is.Empty);
    }

    private static IBaselineRule Rule(string id) => BaselinePack.BuiltIn().Find(id) ?? throw new AssertionException($"no rule {id}");
}
