using CloudGov.Baselines.Custom;
using CloudGov.Baselines.Evaluation;
using CloudGov.Baselines.Model;
using CloudGov.Domain;

namespace CloudGov.Baselines.Tests;

public sealed class CustomRuleLoaderTests
{
    private static readonly string[] BuiltInIds = [.. BaselinePack.BuiltIn().Rules.Select(r => r.Descriptor.Id)];

    private const string Valid = """
        {
          "rules": [
            {
              "id": "gx-backup-offsite",
              "title": "Backups are kept off site",
              "fact": "backup.offsite",
              "operator": "equals",
              "value": "true",
              "levels": [3, 4],
              "severity": "high",
              "mode": "enforce",
              "action": "quarantine",
              "remediation": { "zh": "配置异地备份。", "en": "Configure off-site backups." }
            },
            {
              "id": "gx-antivirus-version",
              "title": "Antivirus signatures at most 7 days old",
              "fact": "av.signature_age_days",
              "operator": "at-most",
              "value": 7,
              "levels": [2, 3, 4],
              "severity": "medium",
              "mode": "audit",
              "remediation": { "zh": "更新病毒库。", "en": "Update the signatures." }
            }
          ]
        }
        """;

    [Test]
    public void Parse_ValidFile_RulesEvaluateTheirFact()
    {
        var rules = CustomRuleLoader.Parse("gx.json", Valid, BuiltInIds);
        var pack = new BaselinePack([.. BuiltInPack.Rules(), .. rules]);
        var facts = Facts.Compliant();
        facts["backup.offsite"] = "false";
        facts["av.signature_age_days"] = "3";

        var evaluation = new BaselineEvaluator(pack).EvaluateZone(Facts.Zone(facts));

        Assert.That(evaluation.Violations.Select(v => v.RuleId), Is.EqualTo(new[] { "gx-backup-offsite" }));
        Assert.That(evaluation.At(MlpsLevel.Level2).Fit, Is.True);
        Assert.That(evaluation.At(MlpsLevel.Level3).BlockingRules, Is.EqualTo(new[] { "gx-backup-offsite" }));
        Assert.That(evaluation.Quarantining()?.RuleId, Is.EqualTo("gx-backup-offsite"));
        Assert.That(pack.Find("gx-backup-offsite")!.Descriptor.Source, Is.EqualTo(RuleSource.Custom));
    }

    [Test]
    public void Parse_BadFields_EveryProblemNamesFileRuleAndField()
    {
        const string bad = """
            { "rules": [
              { "id": "Bad Id", "title": "t", "fact": "x", "operator": "equals", "value": "1", "levels": [3], "severity": "high", "mode": "enforce",
                "remediation": { "zh": "z", "en": "e" } },
              { "id": "no-levels", "title": "t", "fact": "x", "operator": "at-least", "value": "ten", "levels": [], "severity": "urgent", "mode": "audit",
                "action": "quarantine", "remediation": { "zh": "z" } }
            ] }
            """;

        var ex = Assert.Throws<CustomRuleFileException>(() => CustomRuleLoader.Parse("/etc/cloudgov/rules.json", bad, BuiltInIds));

        Assert.That(ex!.Message, Does.Contain("/etc/cloudgov/rules.json"));
        Assert.That(ex.Problems, Has.Some.Contains("rule 'Bad Id' (#1): id:"));
        Assert.That(ex.Problems, Has.Some.Contains("rule 'no-levels' (#2): value: a number"));
        Assert.That(ex.Problems, Has.Some.Contains("rule 'no-levels' (#2): levels:"));
        Assert.That(ex.Problems, Has.Some.Contains("rule 'no-levels' (#2): severity:"));
        Assert.That(ex.Problems, Has.Some.Contains("rule 'no-levels' (#2): action: quarantine and evacuate need mode \"enforce\""));
        Assert.That(ex.Problems, Has.Some.Contains("rule 'no-levels' (#2): remediation.en:"));
    }

    [Test]
    public void Parse_BuiltInIdOrDuplicate_Refused()
    {
        const string dup = """
            { "rules": [
              { "id": "encryption-at-rest", "title": "t", "fact": "x", "operator": "exists", "levels": [1], "severity": "low", "mode": "audit", "remediation": { "zh": "z", "en": "e" } },
              { "id": "twice", "title": "t", "fact": "x", "operator": "exists", "levels": [1], "severity": "low", "mode": "audit", "remediation": { "zh": "z", "en": "e" } },
              { "id": "twice", "title": "t", "fact": "x", "operator": "exists", "levels": [1], "severity": "low", "mode": "audit", "remediation": { "zh": "z", "en": "e" } }
            ] }
            """;

        var ex = Assert.Throws<CustomRuleFileException>(() => CustomRuleLoader.Parse("r.json", dup, BuiltInIds));

        Assert.That(ex!.Problems, Is.EqualTo(new[]
        {
            "rule 'encryption-at-rest' (#1): id: taken by a built-in rule",
            "rule 'twice' (#3): id: defined twice in the file",
        }));
    }

    [Test]
    public void Parse_NotJson_SaysSoWithTheLine()
    {
        var ex = Assert.Throws<CustomRuleFileException>(() => CustomRuleLoader.Parse("r.json", "{ \"rules\": [ {", BuiltInIds));

        Assert.That(ex!.Message, Does.Contain("r.json").And.Contain("not valid JSON"));
    }

    [Test]
    public void Load_MissingFile_SaysTheFileDoesNotExist()
    {
        var ex = Assert.Throws<CustomRuleFileException>(() => CustomRuleLoader.Load("/nonexistent/cloudgov-rules.json", BuiltInIds));

        Assert.That(ex!.Message, Does.Contain("/nonexistent/cloudgov-rules.json").And.Contain("does not exist"));
    }

    [Test]
    public void Parse_ZoneRuleReadingWorkloadFact_Refused()
    {
        const string text = """
            { "rules": [ { "id": "z", "title": "t", "fact": "workload.mlps_level", "operator": "at-most", "value": 3, "levels": [1], "severity": "low", "mode": "audit", "remediation": { "zh": "z", "en": "e" } } ] }
            """;

        var ex = Assert.Throws<CustomRuleFileException>(() => CustomRuleLoader.Parse("r.json", text, BuiltInIds));

        Assert.That(ex!.Problems.Single(), Does.StartWith("rule 'z' (#1): fact: a zone rule reads zone facts"));
    }
}
