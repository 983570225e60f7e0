using System.Net;
using CloudGov.Proto.Operations.V1;
using Grpc.Health.V1;
using Common = CloudGov.Proto.Common.V1;

namespace CloudGov.EndToEnd.Tests;

/// <summary>A real host and real agents: zones show up in the one-cloud view, in /metrics, and go stale when silent.</summary>
public sealed class OneCloudViewTests
{
    private static readonly Dictionary<string, string?> FastZones = new()
    {
        ["Zones:ReportInterval"] = "00:00:00.200",
        ["Zones:StalenessWindow"] = "00:00:02",
        ["Zones:StateFlushInterval"] = "00:00:00.500",
        ["ControlPlane:StalenessSweepInterval"] = "00:00:00.250",
    };

    [Test]
    public async Task Agent_ConnectsAndReports_ZoneAppearsInOperationsApiAndMetrics()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(FastZones);
        var settings = AgentProcess.ZoneSettings(controlPlane.AgentAddress, "gx-e2e-view", workloads: 40);
        settings["Agent:Zone:AdministrativeLevel"] = "County";
        settings["Agent:Zone:RegionCode"] = "450110";
        await using var agent = await AgentProcess.StartAsync(settings);
        var operations = new OperationsService.OperationsServiceClient(controlPlane.Channel);

        await Eventually.HoldsAsync(
            async () => (await operations.ListZonesAsync(new ListZonesRequest())).Zones.Any(z => z.ZoneId == "gx-e2e-view" && z.LastSequence > 0),
            "zone gx-e2e-view to report into the one-cloud view");

        var zone = (await operations.GetZoneAsync(new GetZoneRequest { ZoneId = "gx-e2e-view" })).Zone;
        var workloads = (await operations.GetZoneAsync(new GetZoneRequest { ZoneId = "gx-e2e-view" })).Workloads;
        Assert.That(zone.Status, Is.EqualTo(Common.ZoneStatus.Ready));
        Assert.That(zone.AgentConnected, Is.True);
        Assert.That(zone.AdministrativeLevel, Is.EqualTo(Common.AdministrativeLevel.County));
        Assert.That(zone.Capacity.CpuMillicores, Is.EqualTo(200_000), "200 simulated cores");
        Assert.That(workloads, Has.Count.EqualTo(40));
        Assert.That(zone.Utilization.Cpu, Is.GreaterThan(0).And.LessThanOrEqualTo(1));

        var summary = await operations.GetOneCloudSummaryAsync(new GetOneCloudSummaryRequest());
        Assert.That(summary.ByAdministrativeLevel.Single(g => g.Key == "County").Totals.ZoneCount, Is.EqualTo(1));
        Assert.That(summary.ByRegion.Single(g => g.Key == "450110").Totals.WorkloadCount, Is.EqualTo(40));
        Assert.That(summary.ZonesByStatus["Ready"], Is.EqualTo(1));

        using var http = new HttpClient { BaseAddress = controlPlane.HttpAddress };
        var metrics = await http.GetStringAsync("/metrics");
        Assert.That(metrics, Does.Contain("cloudgov_zone_capacity_units{zone=\"gx-e2e-view\",resource=\"cpu_millicores\"} 200000"));
        Assert.That(metrics, Does.Contain("cloudgov_zone_agent_connected{zone=\"gx-e2e-view\"} 1"));
        Assert.That(metrics, Does.Contain("cloudgov_zone_status{zone=\"gx-e2e-view\",status=\"Ready\"} 1"));
        Assert.That(metrics, Does.Match("cloudgov_agent_reports_total\\{result=\"accepted\"\\} [1-9]"));
        Assert.That(metrics, Does.Match("cloudgov_zone_report_age_seconds\\{zone=\"gx-e2e-view\"\\} [0-9.]+"));
    }

    [Test]
    public async Task Agent_Stops_ZoneBecomesUnreachableInViewAndMetrics()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(FastZones);
        var operations = new OperationsService.OperationsServiceClient(controlPlane.Channel);
        var agent = await AgentProcess.StartAsync(AgentProcess.ZoneSettings(controlPlane.AgentAddress, "gx-e2e-stale"));
        await Eventually.HoldsAsync(
            async () => (await operations.ListZonesAsync(new ListZonesRequest())).Zones.Any(z => z.ZoneId == "gx-e2e-stale" && z.Status == Common.ZoneStatus.Ready),
            "zone gx-e2e-stale to be Ready");

        await agent.DisposeAsync();

        await Eventually.HoldsAsync(
            async () => (await operations.ListZonesAsync(new ListZonesRequest { Status = Common.ZoneStatus.Unreachable })).Zones.Any(z => z.ZoneId == "gx-e2e-stale" && !z.AgentConnected),
            "zone gx-e2e-stale to become Unreachable after its agent stopped");
        using var http = new HttpClient { BaseAddress = controlPlane.HttpAddress };
        Assert.That(await http.GetStringAsync("/metrics"), Does.Contain("cloudgov_zone_status{zone=\"gx-e2e-stale\",status=\"Unreachable\"} 1"));
    }

    [Test]
    public async Task ControlPlane_Restarts_AgentReconnectsWithBackoffAndSequenceKeepsIncreasing()
    {
        var ports = new Dictionary<string, string?>(FastZones)
        {
            ["ControlPlane:GrpcPort"] = FreePort.Next().ToString(),
            ["ControlPlane:HttpPort"] = FreePort.Next().ToString(),
        };
        var first = await ControlPlaneProcess.StartAsync(ports);
        await using var agent = await AgentProcess.StartAsync(AgentProcess.ZoneSettings(first.AgentAddress, "gx-e2e-restart"));
        await Eventually.HoldsAsync(() => agent.State.LastSent >= 3, "the agent to send three reports");
        await first.DisposeAsync();
        ulong sentBeforeRestart = agent.State.LastSent;
        int sessionsBefore = agent.State.Sessions;

        await using var second = await ControlPlaneProcess.StartAsync(ports);
        var operations = new OperationsService.OperationsServiceClient(second.Channel);

        await Eventually.HoldsAsync(
            async () => (await operations.ListZonesAsync(new ListZonesRequest())).Zones.Any(z => z.ZoneId == "gx-e2e-restart" && z.LastSequence > sentBeforeRestart),
            "the agent to reconnect to the restarted control plane and continue its sequence");
        Assert.That(agent.State.Sessions, Is.GreaterThan(sessionsBefore));
    }

    [Test]
    public async Task Health_GrpcHealthServiceAndHealthz_ReportServing()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync();
        var health = new Health.HealthClient(controlPlane.Channel);

        await Eventually.HoldsAsync(
            async () => (await health.CheckAsync(new HealthCheckRequest())).Status == HealthCheckResponse.Types.ServingStatus.Serving,
            "the gRPC health service to report SERVING");
        using var http = new HttpClient { BaseAddress = controlPlane.HttpAddress };
        var response = await http.GetAsync("/healthz");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
