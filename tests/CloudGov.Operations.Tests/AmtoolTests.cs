namespace CloudGov.Operations.Tests;

/// <summary>The Alertmanager example passes amtool and routes by severity to obviously-example receivers.</summary>
public sealed class AmtoolTests
{
    [Test]
    public async Task CheckConfig_AlertmanagerExample_AmtoolAccepts()
    {
        var result = (await ExternalTool.RunAsync("amtool", "check-config", RepositoryFiles.Alertmanager)).AssertSucceeded("amtool check-config");

        Assert.That(result.Output, Does.Contain("SUCCESS"));
    }

    [TestCase("critical", "AgentDown", "cloudgov-oncall-page")]
    [TestCase("warning", "ZoneHot", "cloudgov-ops-ticket")]
    [TestCase("info", "SomethingElse", "cloudgov-ops-ticket")]
    public async Task RoutesTest_BySeverity_ReachesItsReceiver(string severity, string alertName, string receiver)
    {
        var result = (await ExternalTool.RunAsync(
            "amtool", "config", "routes", "test", $"--config.file={RepositoryFiles.Alertmanager}", $"--verify.receivers={receiver}",
            $"severity={severity}", $"alertname={alertName}")).AssertSucceeded($"amtool routes test for severity={severity}");

        Assert.That(result.Output, Does.Contain(receiver));
    }

    [Test]
    public void Receivers_Example_PointAtReservedExampleHostsOnly()
    {
        var urls = File.ReadLines(RepositoryFiles.Alertmanager).Select(l => l.Trim()).Where(l => l.StartsWith("- url:", StringComparison.Ordinal)).ToList();

        Assert.That(urls, Is.Not.Empty);
        Assert.That(urls, Has.All.Contains(".example.invalid/"), "placeholders a reader cannot mistake for a real endpoint");
    }
}
