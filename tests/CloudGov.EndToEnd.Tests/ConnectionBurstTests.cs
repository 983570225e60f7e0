using CloudGov.Proto.Operations.V1;
using Common = CloudGov.Proto.Common.V1;

namespace CloudGov.EndToEnd.Tests;

/// <summary>
/// A host restart brings every agent back at once: 1,000 raw agent streams reconnecting to a host that already knows
/// their zones keep /healthz green throughout and lose nothing. Latency is the benchmark's business
/// (tests/CloudGov.Burst.Benchmarks), not this test's.
/// </summary>
public sealed class ConnectionBurstTests
{
    private const int Zones = 1_000;

    [Test]
    public async Task ThousandAgentsReconnect_AfterRestart_HealthStaysGreenAndEveryZoneReady()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:SqlitePath"] = Path.Combine(Path.GetTempPath(), "cloudgov-tests", $"{Guid.NewGuid():N}.db"),
            // Long enough that no zone goes stale while the test runs; the burst is the only load.
            ["Zones:ReportInterval"] = "00:01:00",
            ["Zones:StalenessWindow"] = "00:10:00",
        };
        var zoneIds = RawAgentFleet.ZoneIds("gx-burst", Zones);

        await using (var first = await ControlPlaneProcess.StartAsync(settings))
        {
            await using var fleet = new RawAgentFleet(first.AgentAddress);
            await fleet.ConnectAsync(zoneIds, sequence: 1, parallel: 100, workloads: ["a", "b", "c"]);
            await Eventually.HoldsAsync(
                async () => (await ListAsync(first)).Count(z => z.LastSequence == 1) == Zones,
                $"all {Zones} zones registered and reporting before the restart",
                TimeSpan.FromMinutes(2));
        }

        await using var host = await ControlPlaneProcess.StartAsync(settings);
        await using (var health = HealthWatch.Start(host.HttpAddress))
        {
            await using var fleet = new RawAgentFleet(host.AgentAddress);
            // Each zone re-registers and reports a changed workload set: two inventory changes per zone.
            await fleet.ConnectAsync(zoneIds, sequence: 2, workloads: ["a", "b", "c", "d"]);

            await Eventually.HoldsAsync(
                async () => (await ListAsync(host)).Count(z => z.LastSequence == 2 && z.WorkloadCount == 4 && z.AgentConnected && z.Status == Common.ZoneStatus.Ready) == Zones,
                $"all {Zones} zones Ready, connected and at sequence 2 after the burst",
                TimeSpan.FromMinutes(3));
            await Eventually.HoldsAsync(
                () => fleet.Streams.Count == Zones && fleet.Streams.All(s => s.Acknowledged == 2),
                "every stream to hear that its report is durable",
                TimeSpan.FromMinutes(1));
            await health.DisposeAsync();

            Assert.That(health.Answers, Is.GreaterThan(0), "the health endpoint was asked during the burst");
            Assert.That(health.Failures, Is.Empty, "/healthz stays green throughout the burst");
        }

        var zones = await ListAsync(host);
        Assert.That(zones.Select(z => z.ZoneId), Is.EquivalentTo(zoneIds), "no zone lost, none invented");
    }

    private static async Task<IReadOnlyList<ZoneSummary>> ListAsync(ControlPlaneProcess host) =>
        (await new OperationsService.OperationsServiceClient(host.Channel).ListZonesAsync(new ListZonesRequest())).Zones;
}
