using CloudGov.Agent.Providers;
using CloudGov.Proto.Operations.V1;

namespace CloudGov.EndToEnd.Tests;

/// <summary>
/// A hot zone (about a dozen small workloads over its 0.5 target) and a roomy cold zone, each with a real agent: the
/// smallest one cloud whose rebalance plan has several rounds of moves.
/// </summary>
internal sealed class PlanZones : IAsyncDisposable
{
    public const string Hot = "gx-e2e-push-hot";
    public const string Cold = "gx-e2e-push-cold";

    private PlanZones(AgentProcess hot, AgentProcess cold)
    {
        HotAgent = hot;
        ColdAgent = cold;
    }

    public AgentProcess HotAgent { get; }

    public AgentProcess ColdAgent { get; }

    /// <summary>Starts both agents (with <paramref name="agentOverrides"/> on each) and waits until both zones reported their workloads.</summary>
    public static async Task<PlanZones> StartAsync(ControlPlaneProcess controlPlane, Dictionary<string, string?>? agentOverrides = null)
    {
        var hotSettings = AgentProcess.ZoneSettings(controlPlane.AgentAddress, Hot, workloads: 400);
        hotSettings["Agent:Simulation:Cores"] = "60";
        hotSettings["Agent:Simulation:Shape"] = "s";
        hotSettings["Agent:Zone:Labels:cloudgov.io/target-utilization"] = "0.5";
        var coldSettings = AgentProcess.ZoneSettings(controlPlane.AgentAddress, Cold, workloads: 5);
        coldSettings["Agent:Simulation:Cores"] = "400";
        coldSettings["Agent:Simulation:Seed"] = "7";
        foreach (var (key, value) in agentOverrides ?? [])
        {
            hotSettings[key] = value;
            coldSettings[key] = value;
        }

        var hot = await AgentProcess.StartAsync(hotSettings);
        var cold = await AgentProcess.StartAsync(coldSettings);
        var operations = new OperationsService.OperationsServiceClient(controlPlane.Channel);
        await Eventually.HoldsAsync(
            async () => (await operations.ListZonesAsync(new ListZonesRequest())).Zones.Count(z => z.ZoneId is Hot or Cold && z.WorkloadCount > 0 && z.Status == CloudGov.Proto.Common.V1.ZoneStatus.Ready) == 2,
            "both zones to report their workloads");
        return new PlanZones(hot, cold);
    }

    /// <summary>Waits (up to <paramref name="bound"/>) until the plan ended and returns it.</summary>
    public static async Task<Plan> EndedAsync(OperationsService.OperationsServiceClient operations, string planId, TimeSpan bound)
    {
        await Eventually.HoldsAsync(
            async () => (await operations.GetPlanAsync(new GetPlanRequest { PlanId = planId })).Plan.State is PlanState.Completed or PlanState.PartiallyFailed or PlanState.Cancelled,
            $"plan {planId} to end",
            bound);
        return (await operations.GetPlanAsync(new GetPlanRequest { PlanId = planId })).Plan;
    }

    public static string Describe(Plan plan) =>
        string.Join("\n", plan.Moves.Select(m => $"{m.Index} {m.WorkloadId} {m.FromZoneId}->{m.ToZoneId} {m.State}: {m.Message}"));

    /// <summary>Every completed move's workload runs in its target only.</summary>
    public void AssertEachMovedWorkloadOnlyInItsTarget(Plan plan)
    {
        foreach (var move in plan.Moves.Where(m => m.State == MoveState.Completed))
        {
            Assert.That((((SimulatedZoneProvider)HotAgent.Provider).Holds(move.WorkloadId), ((SimulatedZoneProvider)ColdAgent.Provider).Holds(move.WorkloadId)),
                Is.EqualTo((false, true)), $"{move.WorkloadId} ends in the target only");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await HotAgent.DisposeAsync();
        await ColdAgent.DisposeAsync();
    }
}
