using CloudGov.ControlPlane.Grains.Baselines;

namespace CloudGov.ControlPlane.Tests.Baselines;

/// <summary>The start-up check of the Baselines section: a bad custom rule file stops the host naming the file, the rule and what is wrong.</summary>
public sealed class BaselineOptionsValidatorTests
{
    [Test]
    public void Validate_InvalidCustomRuleFile_FailsNamingFileRuleAndField()
    {
        string path = Path.Combine(Path.GetTempPath(), $"cloudgov-rules-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            { "rules": [ { "id": "gx-backup", "title": "Backups off site", "fact": "backup.offsite", "operator": "equals", "value": "true",
              "levels": [5], "severity": "high", "mode": "enforce", "remediation": { "zh": "配置异地备份。", "en": "Configure off-site backups." } } ] }
            """);
        try
        {
            var result = new BaselineOptionsValidator().Validate(null, new BaselineOptions { CustomRulesPath = path });

            Assert.That(result.Failed, Is.True);
            Assert.That(result.FailureMessage, Does.Contain("Baselines:CustomRulesPath").And.Contain(path).And.Contain("rule 'gx-backup' (#1): levels: every level is a whole number 1-4"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Validate_ValidFileAndDefaults_Succeeds()
    {
        string path = Path.Combine(Path.GetTempPath(), $"cloudgov-rules-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            { "rules": [ { "id": "gx-backup", "title": "Backups off site", "fact": "backup.offsite", "operator": "equals", "value": "true",
              "levels": [3, 4], "severity": "high", "mode": "enforce", "remediation": { "zh": "配置异地备份。", "en": "Configure off-site backups." } } ] }
            """);
        try
        {
            Assert.That(new BaselineOptionsValidator().Validate(null, new BaselineOptions { CustomRulesPath = path }).Succeeded, Is.True);
            Assert.That(BaselinePackFactory.Create(new BaselineOptions { CustomRulesPath = path }).Find("gx-backup"), Is.Not.Null);
            Assert.That(new BaselineOptionsValidator().Validate(null, new BaselineOptions()).Succeeded, Is.True);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Validate_MissingFileAndBadInterval_BothNamed()
    {
        var result = new BaselineOptionsValidator().Validate(null, new BaselineOptions { CustomRulesPath = "/nonexistent/rules.json", FullAuditInterval = TimeSpan.FromSeconds(1) });

        Assert.That(result.FailureMessage, Does.Contain("/nonexistent/rules.json").And.Contain("does not exist").And.Contain("Baselines:FullAuditInterval"));
    }
}
