using System.Diagnostics;
using System.Globalization;
using CloudGov.Agent;
using CloudGov.Agent.Providers;
using CloudGov.Demo;
using CloudGov.Proto.Operations.V1;
using CloudGov.Testing;
using Microsoft.Extensions.Configuration;

namespace CloudGov.Moves.Benchmarks;

/// <summary>
/// One run: a fresh control plane with <c>hostSettings</c> over the demo's settings (its defaults), one real agent per demo
/// zone seeded as the demo seeds it, the first rebalance plan proposed, approved and carried out; per move, its duration
/// (started → finished, the plan's own record) less the time the provider spent on the move's commands.
/// </summary>
internal static class MovesBenchmark
{
    public static async Task<MoveFigures> RunAsync(string name, IDictionary<string, string?> hostSettings, IDictionary<string, string?> agentSettings, TextWriter log)
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(new Dictionary<string, string?>(hostSettings));
        var agents = new List<AgentProcess>();
        var providers = new List<TimingProvider>();
        try
        {
            foreach (var zone in DemoCloud.Zones)
            {
                var settings = DemoAgentSettings(controlPlane.AgentAddress, zone);
                foreach (var (key, value) in agentSettings)
                {
                    settings[key] = value;
                }

                var options = new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(AgentOptions.SectionName).Get<AgentOptions>()!;
                var provider = new TimingProvider(new SimulatedZoneProvider(options, TimeProvider.System));
                providers.Add(provider);
                agents.Add(await AgentProcess.StartAsync(settings, provider));
            }

            var operations = new OperationsService.OperationsServiceClient(controlPlane.Channel);
            await WaitForCloudAsync(operations);
            var proposed = (await operations.ProposeRebalanceAsync(new ProposeRebalanceRequest())).Plan;
            log.WriteLine($"  {name}: plan {proposed.PlanId} with {proposed.Moves.Count} moves");
            var watch = Stopwatch.StartNew();
            await operations.ApprovePlanAsync(new ApprovePlanRequest { PlanId = proposed.PlanId, Reason = "per-move overhead" });
            Plan plan;
            while (true)
            {
                plan = (await operations.GetPlanAsync(new GetPlanRequest { PlanId = proposed.PlanId })).Plan;
                if (plan.State is PlanState.Completed or PlanState.PartiallyFailed or PlanState.Cancelled)
                {
                    break;
                }

                if (watch.Elapsed > TimeSpan.FromMinutes(15))
                {
                    throw new TimeoutException($"{name}: plan {plan.PlanId} still {plan.State} after 15 min");
                }

                await Task.Delay(50);
            }

            double planSeconds = watch.Elapsed.TotalSeconds;
            var overheads = new List<double>();
            var providerTimes = new List<double>();
            foreach (var move in plan.Moves.Where(m => m.State == MoveState.Completed && m.StartedAt is not null && m.FinishedAt is not null))
            {
                string prefix = $"{plan.PlanId}.{move.Index}.";
                var spent = providers.SelectMany(p => p.Spent).Where(s => s.Key.StartsWith(prefix, StringComparison.Ordinal)).Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Value);
                var duration = move.FinishedAt.ToDateTimeOffset() - move.StartedAt.ToDateTimeOffset();
                overheads.Add((duration - spent).TotalSeconds);
                providerTimes.Add(spent.TotalSeconds);
            }

            return new MoveFigures(name, overheads, providerTimes, planSeconds, overheads.Count, plan.Moves.Count);
        }
        finally
        {
            foreach (var agent in agents)
            {
                await agent.DisposeAsync();
            }
        }
    }

    /// <summary>Every demo zone Ready with its workloads, and the ledger holding every reported workload (plans read the ledger).</summary>
    private static async Task WaitForCloudAsync(OperationsService.OperationsServiceClient operations)
    {
        int zones = DemoCloud.Zones.Count;
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var listed = (await operations.ListZonesAsync(new ListZonesRequest())).Zones;
            int reported = listed.Where(z => z.Status == CloudGov.Proto.Common.V1.ZoneStatus.Ready).Sum(z => z.WorkloadCount);
            bool ready = listed.Count(z => z.Status == CloudGov.Proto.Common.V1.ZoneStatus.Ready && z.WorkloadCount > 0) == zones;
            if (ready)
            {
                var ledger = await operations.GetLedgerViewAsync(new GetLedgerViewRequest { GroupBy = LedgerGrouping.Tenant });
                if (ledger.Groups.Sum(g => g.WorkloadCount) >= reported)
                {
                    return;
                }
            }

            if (watch.Elapsed > TimeSpan.FromMinutes(3))
            {
                throw new TimeoutException("the demo's zones did not all report (and reach the ledger) within 3 min");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The demo's agent settings (demo/CloudGov.Demo/Program.cs), without its state file: every run seeds the same zones afresh.</summary>
    private static Dictionary<string, string?> DemoAgentSettings(Uri grpcAddress, DemoZone zone)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Agent:ControlPlaneAddress"] = grpcAddress.ToString(),
            ["Agent:ZoneId"] = zone.Id,
            ["Agent:Provider"] = "Simulated",
            ["Agent:Zone:DisplayName"] = zone.DisplayName,
            ["Agent:Zone:AdministrativeLevel"] = zone.Level,
            ["Agent:Zone:RegionCode"] = zone.RegionCode,
            ["Agent:Zone:Vendor"] = zone.Vendor,
            ["Agent:Zone:MlpsLevel"] = zone.Mlps.ToString(CultureInfo.InvariantCulture),
            ["Agent:Zone:NetworkPlane"] = zone.Plane,
            ["Agent:Simulation:Cores"] = zone.Cores.ToString(CultureInfo.InvariantCulture),
            ["Agent:Simulation:Workloads"] = zone.Workloads.ToString(CultureInfo.InvariantCulture),
            ["Agent:Simulation:PeakLoad"] = zone.PeakLoad.ToString(CultureInfo.InvariantCulture),
            ["Agent:Simulation:IntentShare"] = "0.5",
            ["Agent:Simulation:IntentResidency"] = "province",
        };
        foreach (var (key, value) in CloudGov.Testing.Tls.TestCertificates.Shared.AgentSettings(zone.Id))
        {
            settings[key] = value;
        }

        for (int i = 0; i < zone.Tenants.Length; i++)
        {
            settings[$"Agent:Simulation:Tenants:{i}"] = zone.Tenants[i];
        }

        return settings;
    }
}
