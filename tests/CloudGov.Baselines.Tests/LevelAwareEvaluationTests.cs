using CloudGov.Baselines.Evaluation;
using CloudGov.Baselines.Model;
using CloudGov.Baselines.Rules;
using CloudGov.Domain;

namespace CloudGov.Baselines.Tests;

public sealed class LevelAwareEvaluationTests
{
    private static readonly BaselineEvaluator Evaluator = new(BaselinePack.BuiltIn());

    [Test]
    public void At_EncryptionOff_FitForLevel2NotLevel3()
    {
        var evaluation = Evaluator.EvaluateZone(Facts.Zone(Facts.With(FactKeys.EncryptionAtRest, "disabled")));

        Assert.That(evaluation.At(MlpsLevel.Level2).Fit, Is.True);
        var level3 = evaluation.At(MlpsLevel.Level3);
        Assert.That(level3.Fit, Is.False);
        Assert.That(level3.BlockingRules, Is.EqualTo(new[] { EncryptionAtRestRule.RuleId }));
        Assert.That(level3.Score, Is.LessThan(100));
    }

    [Test]
    public void At_SharedPool_UnfitForLevel4Only()
    {
        var evaluation = Evaluator.EvaluateZone(Facts.Zone(Facts.With(FactKeys.PoolDedicated, "false")));

        Assert.That(evaluation.At(MlpsLevel.Level3).Fit, Is.True);
        Assert.That(evaluation.At(MlpsLevel.Level4).BlockingRules, Is.EqualTo(new[] { DedicatedPoolRule.RuleId }));
    }

    [Test]
    public void At_WaivedRule_NotBlockingButStillCounted()
    {
        var evaluation = Evaluator.EvaluateZone(Facts.Zone(Facts.With(FactKeys.EncryptionAtRest, "disabled")));

        var waived = evaluation.At(MlpsLevel.Level3, id => id == EncryptionAtRestRule.RuleId);
        Assert.That(waived.Fit, Is.True);
        Assert.That(waived.Violated, Is.EqualTo(1));
    }

    [Test]
    public void At_AuditOnlyRuleViolated_StaysFit()
    {
        var evaluation = Evaluator.EvaluateZone(Facts.Zone(Facts.With(FactKeys.AuditLogRetentionDays, "30")));

        var level3 = evaluation.At(MlpsLevel.Level3);
        Assert.That(level3.Fit, Is.True);
        Assert.That(level3.Violated, Is.EqualTo(1));
    }

    [Test]
    public void Quarantining_WorldOpenSsh_NamesTheRuleUntilWaived()
    {
        var evaluation = Evaluator.EvaluateZone(Facts.Zone(Facts.With(FactKeys.WorldOpenPorts, "22")));

        Assert.That(evaluation.Quarantining()?.RuleId, Is.EqualTo(NoWorldOpenManagementPortsRule.RuleId));
        Assert.That(evaluation.Quarantining(id => id == NoWorldOpenManagementPortsRule.RuleId), Is.Null);
        Assert.That(evaluation.At(MlpsLevel.Level1).Fit, Is.False);
    }

    [Test]
    public void EvaluateWorkload_Level2SystemInLevel3Zone_AccessRuleOnlyForItsLevels()
    {
        var zone = Facts.Zone(Facts.Compliant(), level: MlpsLevel.Level3);

        var level1 = Evaluator.EvaluateWorkload(zone, new WorkloadFacts("w", "t", MlpsLevel.Level1, AccessPolicy: "acl", ObservedAccessPolicy: "other"));
        var level2 = Evaluator.EvaluateWorkload(zone, new WorkloadFacts("w", "t", MlpsLevel.Level2, AccessPolicy: "acl", ObservedAccessPolicy: "other"));

        Assert.That(level1.Select(v => v.RuleId), Is.Empty);
        Assert.That(level2.Select(v => v.RuleId), Is.EqualTo(new[] { AccessPolicyFollowsMigrationRule.RuleId }));
    }
}
