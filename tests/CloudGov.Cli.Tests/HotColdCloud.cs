using CloudGov.Proto.Operations.V1;
using Common = CloudGov.Proto.Common.V1;

namespace CloudGov.Cli.Tests;

/// <summary>
/// A host of its own with two real agents, for tests that plan: a hot zone with about a dozen small workloads over its 0.5
/// target and a roomy cold zone. Started once per fixture; both zones have reported their workloads when it returns.
/// </summary>
internal sealed class HotColdCloud : IAsyncDisposable
{
    private readonly AgentProcess _hot;
    private readonly AgentProcess _cold;

    private HotColdCloud(ControlPlaneProcess controlPlane, AgentProcess hot, AgentProcess cold)
    {
        ControlPlane = controlPlane;
        _hot = hot;
        _cold = cold;
        Operations = new OperationsService.OperationsServiceClient(controlPlane.Channel);
    }

    public ControlPlaneProcess ControlPlane { get; }

    public OperationsService.OperationsServiceClient Operations { get; }

    /// <summary>Starts the host (fast plan settings, no rate limit, plus <paramref name="hostSettings"/>) and the two agents.</summary>
    public static async Task<HotColdCloud> StartAsync(
        string hotZone, string coldZone, IReadOnlyDictionary<string, string?>? hostSettings = null, string? hotName = null, string? coldName = null)
    {
        var settings = ControlPlaneProcess.FastPlanSettings();
        settings["Identity:RateLimit:Enabled"] = "false";
        foreach (var (key, value) in hostSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var controlPlane = await ControlPlaneProcess.StartAsync(settings);
        var hot = AgentProcess.ZoneSettings(controlPlane.AgentAddress, hotZone, workloads: 400);
        hot["Agent:Simulation:Cores"] = "60";
        hot["Agent:Simulation:Shape"] = "s";
        hot["Agent:Zone:Labels:cloudgov.io/target-utilization"] = "0.5";
        var cold = AgentProcess.ZoneSettings(controlPlane.AgentAddress, coldZone, workloads: 5);
        cold["Agent:Simulation:Cores"] = "400";
        cold["Agent:Simulation:Seed"] = "7";
        if (hotName is not null)
        {
            hot["Agent:Zone:DisplayName"] = hotName;
        }

        if (coldName is not null)
        {
            cold["Agent:Zone:DisplayName"] = coldName;
        }

        var cloud = new HotColdCloud(controlPlane, await AgentProcess.StartAsync(hot), await AgentProcess.StartAsync(cold));
        await Eventually.HoldsAsync(
            async () => (await cloud.Operations.ListZonesAsync(new ListZonesRequest())).Zones.Count(z => z.WorkloadCount > 0 && z.Status == Common.ZoneStatus.Ready) == 2,
            "both zones to report their workloads");
        return cloud;
    }

    public async ValueTask DisposeAsync()
    {
        await _hot.DisposeAsync();
        await _cold.DisposeAsync();
        await ControlPlane.DisposeAsync();
    }
}
