using CloudGov.Proto.Operations.V1;

namespace CloudGov.Agent.Aws.Tests;

/// <summary>
/// The agent's rule for a provider that throws: the zone still reports, Degraded with the reason and the last good
/// inventory (nothing looks removed), and the agent keeps running; once the provider answers again the zone is Ready.
/// </summary>
[NonParallelizable]
public sealed class AgentDegradedReportTests
{
    [Test]
    public async Task ObserveAsync_ProviderThrows_ZoneDegradedWithTheReasonAndItsWorkloadsUntilItAnswersAgain()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(new Dictionary<string, string?>
        {
            ["Zones:ReportInterval"] = "00:00:00.200",
            ["Zones:StalenessWindow"] = "00:00:10",
            ["Zones:IndexPublishInterval"] = "00:00:00.200",
        });
        var provider = new ThrowingProvider();
        await using var agent = await AgentProcess.StartAsync(AgentProcess.ZoneSettings(controlPlane.AgentAddress, "gx-throws"), provider);
        var operations = new OperationsService.OperationsServiceClient(controlPlane.Channel);
        await Eventually.HoldsAsync(
            async () => (await operations.GetZoneAsync(new GetZoneRequest { ZoneId = "gx-throws" })) is { Zone.Status: ZoneStatus.Ready, Workloads.Count: 1 },
            "the zone to report Ready with its workload");

        provider.Failing = true;

        var degraded = await Eventually.ReturnsAsync(
            async () => await operations.GetZoneAsync(new GetZoneRequest { ZoneId = "gx-throws" }),
            z => z.Zone.Status == ZoneStatus.Degraded,
            "the zone to report Degraded while its provider throws");
        Assert.That(degraded.Zone.DegradedReason, Is.EqualTo("observation failed: connection refused (cloud.example:443) second line"), "control characters replaced");
        Assert.That(degraded.Workloads.Select(w => w.WorkloadId), Is.EqualTo(new[] { "nn-dsj-kept-01" }), "the last good inventory");
        Assert.That(degraded.Zone.Capacity.CpuMillicores, Is.EqualTo(8000));
        var listed = (await operations.ListZonesAsync(new ListZonesRequest { Status = ZoneStatus.Degraded })).Zones.Single(z => z.ZoneId == "gx-throws");
        Assert.That(listed.DegradedReason, Is.EqualTo(degraded.Zone.DegradedReason));
        using var http = new HttpClient { BaseAddress = controlPlane.HttpAddress };
        Assert.That(await http.GetStringAsync("/metrics"), Does.Contain("cloudgov_zone_degraded{zone=\"gx-throws\"} 1"));

        provider.Failing = false;

        var ready = await Eventually.ReturnsAsync(
            async () => await operations.GetZoneAsync(new GetZoneRequest { ZoneId = "gx-throws" }),
            z => z.Zone.Status == ZoneStatus.Ready,
            "the zone to be Ready again once its provider answers");
        Assert.That(ready.Zone.DegradedReason, Is.Empty);
        Assert.That(agent.State.Connected, Is.True);
        await Eventually.HoldsAsync(
            async () => (await http.GetStringAsync("/metrics")).Contains("cloudgov_zone_degraded{zone=\"gx-throws\"} 0", StringComparison.Ordinal),
            "the degraded gauge to drop to 0");
    }
}
