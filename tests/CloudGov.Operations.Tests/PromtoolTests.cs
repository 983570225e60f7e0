using System.Text.RegularExpressions;

namespace CloudGov.Operations.Tests;

/// <summary>The shipped Prometheus files pass promtool, and every alert the operations center relies on is there, documented and unit-tested.</summary>
public sealed partial class PromtoolTests
{
    /// <summary>The alerts issue 16 asks for.</summary>
    private static readonly string[] RequiredAlerts =
    [
        "AgentDown", "ZoneHot", "OneCloudImbalanceHigh", "BaselineCriticalViolation", "ZoneQuarantined",
        "QuotaNearlyExhausted", "UnmanagedWorkloads", "MigrationFailures", "PlanStuck", "ControlPlaneDown",
    ];

    [Test]
    public async Task CheckRules_ShippedAlertRules_PromtoolAccepts()
    {
        var result = (await ExternalTool.RunAsync("promtool", "check", "rules", RepositoryFiles.AlertRules)).AssertSucceeded("promtool check rules");

        Assert.That(result.Output, Does.Contain($"SUCCESS: {AlertRuleFile.Rules().Count} rules found"));
    }

    [Test]
    public async Task CheckConfig_ScrapeConfig_PromtoolAcceptsAndLoadsTheRules()
    {
        var result = (await ExternalTool.RunAsync("promtool", "check", "config", Path.Combine(RepositoryFiles.Prometheus, "prometheus.yml"))).AssertSucceeded("promtool check config");

        Assert.That(result.Output, Does.Contain("SUCCESS: 1 rule files found"), "prometheus.yml loads the alert rules");
    }

    [Test]
    public async Task TestRules_UnitTests_EveryCasePasses()
    {
        Assert.That(RepositoryFiles.RuleTests, Is.Not.Empty);

        var result = (await ExternalTool.RunAsync("promtool", ["test", "rules", .. RepositoryFiles.RuleTests])).AssertSucceeded("promtool test rules");

        Assert.That(SuccessLine().Matches(result.Output), Has.Count.EqualTo(RepositoryFiles.RuleTests.Length), result.Output);
    }

    [Test]
    public void Rules_EveryRequiredAlert_HasSeveritySummaryRunbooksAndAForDuration()
    {
        var rules = AlertRuleFile.Rules();

        Assert.Multiple(() =>
        {
            Assert.That(rules.Select(r => r.Alert), Is.SupersetOf(RequiredAlerts));
            Assert.That(rules.Select(r => r.Alert), Is.Unique);
            foreach (var rule in rules)
            {
                Assert.That(rule.Labels.GetValueOrDefault("severity"), Is.AnyOf("critical", "warning", "info"), $"{rule.Alert}: severity label");
                Assert.That(rule.Annotations.GetValueOrDefault("summary"), Is.Not.Null.And.Not.Empty, $"{rule.Alert}: summary");
                Assert.That(rule.Annotations.GetValueOrDefault("runbook_en"), Is.Not.Null.And.Not.Empty, $"{rule.Alert}: runbook_en");
                Assert.That(rule.Annotations.GetValueOrDefault("runbook_zh") ?? string.Empty, Does.Match(@"\p{IsCJKUnifiedIdeographs}"), $"{rule.Alert}: runbook_zh in Chinese");
                Assert.That(Minutes(rule.For), Is.GreaterThanOrEqualTo(1), $"{rule.Alert}: a for: of at least 1m, so one bad scrape does not page");
            }
        });
    }

    [Test]
    public void UnitTests_EveryAlert_HasAFiringCaseAndAQuietCase()
    {
        var cases = AlertRuleFile.Cases();

        Assert.Multiple(() =>
        {
            foreach (var rule in AlertRuleFile.Rules())
            {
                Assert.That(cases.Any(c => c.AlertName == rule.Alert && c.ExpectsFiring), Is.True, $"{rule.Alert}: a promtool case where it fires");
                Assert.That(cases.Any(c => c.AlertName == rule.Alert && !c.ExpectsFiring), Is.True, $"{rule.Alert}: a promtool case where it stays quiet");
            }

            Assert.That(cases.Select(c => c.AlertName).Distinct(), Is.SubsetOf(AlertRuleFile.Rules().Select(r => r.Alert)), "cases name existing alerts");
        });
    }

    private static double Minutes(string duration)
    {
        var m = DurationPattern().Match(duration);
        Assert.That(m.Success, Is.True, $"'{duration}' is a Prometheus duration like 5m");
        double n = double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return m.Groups[2].Value switch { "s" => n / 60, "m" => n, "h" => n * 60, _ => n * 1440 };
    }

    [GeneratedRegex(@"^(\d+)(s|m|h|d)$")]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"^\s*SUCCESS\s*$", RegexOptions.Multiline)]
    private static partial Regex SuccessLine();
}
