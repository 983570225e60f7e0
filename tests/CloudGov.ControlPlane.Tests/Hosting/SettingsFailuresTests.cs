using CloudGov.ControlPlane.Hosting;
using CloudGov.Testing;
using CloudGov.Testing.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace CloudGov.ControlPlane.Tests.Hosting;

/// <summary>A host started with bad settings refuses to start and names every bad key, with its allowed range, at once.</summary>
public sealed class SettingsFailuresTests
{
    [Test]
    public async Task Start_TwoBadSettingsInDifferentAreas_ReportsBothWithKeyAndRange()
    {
        var failures = await StartFailuresAsync(new Dictionary<string, string?>
        {
            ["Zones:ReportInterval"] = "00:00:00.001",
            ["CloudGov:Scheduling:Headroom"] = "0.9",
        });

        Assert.That(failures, Has.Count.EqualTo(2), string.Join("\n", failures));
        Assert.That(failures, Has.One.StartsWith("Zones:ReportInterval is 00:00:00.0010000; it must be between 00:00:00.1000000 and 00:10:00."));
        Assert.That(failures, Has.One.EqualTo("CloudGov:Scheduling:Headroom must be within [0, 0.5] (was 0.9)."));
    }

    [Test]
    public async Task Start_BadSchedulingAndRebalanceSettings_NamesEverySectionKey()
    {
        var failures = await StartFailuresAsync(new Dictionary<string, string?>
        {
            ["CloudGov:Scheduling:BalanceWeight"] = "11",
            ["CloudGov:Scheduling:CostWeight"] = "-1",
            ["CloudGov:Scheduling:Rebalance:BalanceTolerance"] = "0",
            ["Ledger:HistoryKept"] = "0",
            ["Placement:CommandDeadline"] = "00:00:01",
        });

        Assert.That(failures, Is.EquivalentTo(new[]
        {
            "CloudGov:Scheduling:BalanceWeight must be within [0, 10] (was 11).",
            "CloudGov:Scheduling:CostWeight must be within [0, 10] (was -1).",
            "CloudGov:Scheduling:Rebalance:BalanceTolerance must be within (0, 1] (was 0).",
            "Ledger:HistoryKept is 0; it must be between 1 and 1000.",
            "Placement:CommandDeadline is 00:00:01; it must be between 00:00:10 and 1.00:00:00.",
            "Placement:CommandDeadline (00:00:01) must be at least twice Zones:ReportInterval (00:00:05), or a placed workload's room is released before its zone can report it.",
        }));
    }

    [Test]
    public async Task Start_BadStorageAndZoneSettings_ReportsBothAtOnce()
    {
        var failures = await StartFailuresAsync(new Dictionary<string, string?>
        {
            ["Storage:SchemaApplyTimeout"] = "01:00:00",
            ["Zones:StalenessWindow"] = "00:00:06",
        });

        Assert.That(failures, Is.EquivalentTo(new[]
        {
            "Storage:SchemaApplyTimeout is 01:00:00; it must be between 00:00:00 and 00:30:00.",
            "Zones:StalenessWindow (00:00:06) must be at least twice Zones:ReportInterval (00:00:05), or healthy zones would flap to Unreachable.",
        }));
    }

    [Test]
    public async Task Start_NoAgentCertificateDirectory_NamesTheKeyAndTheCommandThatMakesOne()
    {
        var failures = await StartFailuresAsync(new Dictionary<string, string?> { ["ControlPlane:AgentCertificateDirectory"] = "" });

        Assert.That(failures, Has.Count.EqualTo(1), string.Join("\n", failures));
        Assert.That(failures[0], Does.StartWith("ControlPlane:AgentCertificateDirectory is required").And.Contain("certs init-ca").And.Contain("AllowPlaintextAgents"));
    }

    [Test]
    public async Task Start_AgentCertificateDirectoryWithoutACa_NamesTheMissingFiles()
    {
        var empty = Directory.CreateTempSubdirectory("cloudgov-nocerts-").FullName;
        var failures = await StartFailuresAsync(new Dictionary<string, string?> { ["ControlPlane:AgentCertificateDirectory"] = empty });

        Assert.That(failures, Has.Count.EqualTo(3), string.Join("\n", failures));
        Assert.That(failures, Has.One.Contains("has no ca.crt").And.One.Contains("has no server.crt").And.One.Contains("has no server.key"));
    }

    [Test]
    public void Describe_TwoFailures_ListsEachOnItsOwnLine()
    {
        var text = SettingsFailures.Describe(["A:B is 1; it must be 2.", "C:D is 3; it must be 4."]);

        Assert.That(text.Split(Environment.NewLine), Is.EqualTo(new[]
        {
            "The control plane cannot start: 2 settings are invalid.",
            "  - A:B is 1; it must be 2.",
            "  - C:D is 3; it must be 4.",
        }));
    }

    private static async Task<IReadOnlyList<string>> StartFailuresAsync(Dictionary<string, string?> bad)
    {
        var settings = new Dictionary<string, string?>(TestCertificates.Shared.HostSettings(FreePort.Next()))
        {
            ["ControlPlane:GrpcPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ControlPlane:HttpPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Storage:SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Storage:GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Storage:ClusterId"] = $"settings-{Guid.NewGuid():N}",
            ["Storage:SqlitePath"] = Path.Combine(Path.GetTempPath(), "cloudgov-tests", $"{Guid.NewGuid():N}.db"),
        };
        foreach (var (key, value) in CloudGov.Testing.Identity.TestTokens.HostSettings().Concat(bad))
        {
            settings[key] = value;
        }

        await using WebApplication app = ControlPlaneApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.ClearProviders();
        });
        var thrown = await Assert.CatchAsync(() => app.StartAsync());
        var failures = SettingsFailures.From(thrown!);
        Assert.That(failures, Is.Not.Empty, () => $"the start failed on settings, not on: {thrown}");
        return failures;
    }
}
