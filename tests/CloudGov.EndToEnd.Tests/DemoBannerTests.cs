using System.Diagnostics;
using CloudGov.Demo;
using CloudGov.Proto.Agent.V1;
using CloudGov.Proto.Operations.V1;

namespace CloudGov.EndToEnd.Tests;

/// <summary>
/// The demo's ready banner counts zones that reported in this run: after a restart the stored zones carry the last
/// run's sequences, and they do not count until their agent reports again.
/// </summary>
public sealed class DemoBannerTests
{
    [Test]
    public void InThisRun_ConnectedZoneReportedBeforeTheStart_DoesNotCount()
    {
        ZoneSummary[] zones =
        [
            new() { ZoneId = "a", AgentConnected = true, LastSequence = 40, LastReportAgeSeconds = 2.0 },
            new() { ZoneId = "b", AgentConnected = true, LastSequence = 12, LastReportAgeSeconds = 9.5 },
            new() { ZoneId = "c", AgentConnected = false, LastSequence = 30, LastReportAgeSeconds = 1.0 },
            new() { ZoneId = "d", AgentConnected = true, LastSequence = 0, LastReportAgeSeconds = -1 },
        ];

        Assert.That(ReportingZones.InThisRun(zones, TimeSpan.FromSeconds(5)), Is.EqualTo(1), "only a: b reported before the run, c has no agent, d never reported");
    }

    [Test]
    public async Task InThisRun_AfterRestartOnStoredZones_CountsAZoneOnlyOnceItsAgentReportsAgain()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:SqlitePath"] = Path.Combine(Path.GetTempPath(), "cloudgov-tests", $"{Guid.NewGuid():N}.db"),
            ["Zones:IndexPublishInterval"] = "00:00:00.100",
        };
        const string zoneId = "gx-e2e-banner";
        await using (var first = await ControlPlaneProcess.StartAsync(settings))
        {
            using var call = first.AgentClient(zoneId).Connect();
            await call.RequestStream.WriteAsync(new AgentMessage { Hello = AgentMessages.Hello(zoneId) });
            await call.ResponseStream.MoveNext(CancellationToken.None);
            await call.RequestStream.WriteAsync(new AgentMessage { Report = AgentMessages.Report(7, 1_000, workloads: ["a"]) });
            Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None), Is.True);
            await call.RequestStream.CompleteAsync();
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        }

        var run = Stopwatch.StartNew();
        await using var second = await ControlPlaneProcess.StartAsync(settings);
        var operations = new OperationsService.OperationsServiceClient(second.Channel);
        var stored = await Eventually.ReturnsAsync(
            async () => (Since: run.Elapsed, Zones: (await operations.ListZonesAsync(new ListZonesRequest())).Zones),
            r => r.Zones.Any(z => z.ZoneId == zoneId),
            "the restarted host to list the stored zone");
        Assert.That(stored.Zones.Single(z => z.ZoneId == zoneId).LastSequence, Is.EqualTo(7UL), "the stored sequence is back");
        Assert.That(ReportingZones.InThisRun(stored.Zones, stored.Since), Is.Zero, "a stored sequence is not a report in this run");

        using var again = second.AgentClient(zoneId).Connect();
        await again.RequestStream.WriteAsync(new AgentMessage { Hello = AgentMessages.Hello(zoneId) });
        Assert.That(await again.ResponseStream.MoveNext(CancellationToken.None), Is.True);
        // A utilization-only report: counted when received (its acknowledgement waits for the write-behind flush).
        await again.RequestStream.WriteAsync(new AgentMessage { Report = AgentMessages.Report(8, 1_000, workloads: ["a"]) });

        await Eventually.HoldsAsync(
            async () => ReportingZones.InThisRun((await operations.ListZonesAsync(new ListZonesRequest())).Zones, run.Elapsed) == 1,
            "the zone to count as reporting once its agent reported to the restarted host");
        await again.RequestStream.CompleteAsync();
    }
}
