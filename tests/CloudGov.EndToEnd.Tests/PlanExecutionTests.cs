using CloudGov.Agent.Providers;
using CloudGov.Proto.Operations.V1;
using CloudGov.Testing.Identity;

namespace CloudGov.EndToEnd.Tests;

/// <summary>
/// Approved plans carried out make-before-break by real agents over gRPC: moves complete and the hot zone cools;
/// failed placements roll back; a source agent that goes away mid-move holds the move until it is back.
/// Every workload ends in exactly one zone.
/// </summary>
public sealed class PlanExecutionTests
{
    private const string Hot = "gx-e2e-exec-hot";
    private const string Cold = "gx-e2e-exec-cold";

    private static readonly Dictionary<string, string?> Fast = ControlPlaneProcess.FastPlanSettings();

    [Test]
    public async Task ApprovedPlan_RealAgents_EveryMoveCompletesAndTheHotZoneCools()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(Fast);
        var (hot, cold) = await StartZonesAsync(controlPlane);
        await using var _ = hot;
        await using var __ = cold;
        var operations = new OperationsService.OperationsServiceClient(controlPlane.Channel);
        var before = await ZoneAsync(operations, Hot);
        var proposed = (await operations.ProposeRebalanceAsync(new ProposeRebalanceRequest())).Plan;
        Assert.That(proposed.Moves, Has.Count.GreaterThan(4));

        await operations.ApprovePlanAsync(new ApprovePlanRequest { PlanId = proposed.PlanId, Reason = "变更窗口" }, TestTokens.As("张工"));
        var done = await EndedAsync(operations, proposed.PlanId);

        Assert.That(done.State, Is.EqualTo(PlanState.Completed), Describe(done));
        Assert.That(done.Moves.Select(m => m.State), Has.All.EqualTo(MoveState.Completed));
        Assert.That(done.Moves.Select(m => m.StartedAt), Has.All.Not.Null);
        Assert.That(done.History.Select(d => d.To), Is.EqualTo(new[] { PlanState.Proposed, PlanState.Approved, PlanState.Executing, PlanState.Completed }));
        var hotProvider = (SimulatedZoneProvider)hot.Provider;
        var coldProvider = (SimulatedZoneProvider)cold.Provider;
        foreach (var move in done.Moves)
        {
            Assert.That((hotProvider.Holds(move.WorkloadId), coldProvider.Holds(move.WorkloadId)), Is.EqualTo((false, true)), $"{move.WorkloadId} ends in the target only");
        }

        var hotZone = proposed.Zones.Single(z => z.ZoneId == Hot);
        await Eventually.HoldsAsync(
            async () => (await ZoneAsync(operations, Hot)).Requested.CpuMillicores < before.Requested.CpuMillicores
                && (await ZoneAsync(operations, Hot)).WorkloadCount == before.WorkloadCount - done.Moves.Count,
            "the hot zone's next reports to show the workloads gone and its requests lower");
        var after = await ZoneAsync(operations, Hot);
        Assert.That(Dominant(before), Is.GreaterThan(hotZone.Target), "hot before");
        Assert.That(Dominant(after), Is.LessThanOrEqualTo(hotZone.Target + 1e-9), "the hot zone cooled to its target");

        using var http = new HttpClient { BaseAddress = controlPlane.HttpAddress };
        var metrics = await http.GetStringAsync("/metrics");
        Assert.That(metrics, Does.Contain($"cloudgov_plan_moves_total{{result=\"completed\"}} {done.Moves.Count}"));
        Assert.That(metrics, Does.Contain($"cloudgov_plan_move_duration_seconds_count{{result=\"completed\"}} {done.Moves.Count}"));
        Assert.That(metrics, Does.Contain("cloudgov_plans_finished_total{trigger=\"manual\",state=\"completed\"} 1"));
        Assert.That(metrics, Does.Match("cloudgov_onecloud_imbalance [0-9.eE-]+"));
    }

    [Test]
    public async Task EveryPlacementFails_MovesRollBack_WorkloadsStayInTheSourceAndTheTargetHoldsNoCopy()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(Fast);
        var (hot, cold) = await StartZonesAsync(controlPlane, coldOverrides: new() { ["Agent:Simulation:PlaceFailureRate"] = "1" });
        await using var _ = hot;
        await using var __ = cold;
        var operations = new OperationsService.OperationsServiceClient(controlPlane.Channel);
        var proposed = (await operations.ProposeRebalanceAsync(new ProposeRebalanceRequest())).Plan;

        await operations.ApprovePlanAsync(new ApprovePlanRequest { PlanId = proposed.PlanId, Reason = "演练" }, TestTokens.As("张工"));
        var done = await EndedAsync(operations, proposed.PlanId);

        Assert.That(done.State, Is.EqualTo(PlanState.PartiallyFailed), Describe(done));
        Assert.That(done.Moves.Select(m => m.State), Has.All.EqualTo(MoveState.RolledBack));
        Assert.That(done.Moves[0].Message, Does.Contain("could not place it").And.Contain("simulated provisioning failure"));
        foreach (var move in done.Moves)
        {
            Assert.That(((SimulatedZoneProvider)hot.Provider).Holds(move.WorkloadId), Is.True, $"{move.WorkloadId} stays in the source");
            Assert.That(((SimulatedZoneProvider)cold.Provider).Holds(move.WorkloadId), Is.False, $"{move.WorkloadId} has no copy in the target");
        }

        using var http = new HttpClient { BaseAddress = controlPlane.HttpAddress };
        var metrics = await http.GetStringAsync("/metrics");
        Assert.That(metrics, Does.Contain($"cloudgov_plan_moves_total{{result=\"rolled_back\"}} {done.Moves.Count}"));
        Assert.That(metrics, Does.Contain("cloudgov_plan_moves_total{result=\"completed\"} 0"));
    }

    [Test]
    public async Task SourceAgentGoneMidMove_MoveWaitsWithTheWorkloadRunningInBoth_AndCompletesWhenTheAgentIsBack()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(Fast);
        var (hot, cold) = await StartZonesAsync(controlPlane, coldOverrides: new() { ["Agent:Simulation:CommandDelay"] = "00:00:01" });
        await using var __ = cold;
        var operations = new OperationsService.OperationsServiceClient(controlPlane.Channel);
        var proposed = (await operations.ProposeRebalanceAsync(new ProposeRebalanceRequest())).Plan;
        var hotProvider = (SimulatedZoneProvider)hot.Provider;
        var hotSettings = HotSettings(controlPlane);

        await operations.ApprovePlanAsync(new ApprovePlanRequest { PlanId = proposed.PlanId, Reason = "演练" }, TestTokens.As("张工"));
        await Eventually.HoldsAsync(
            async () => (await PlanAsync(operations, proposed.PlanId)).Moves.Any(m => m.State == MoveState.Placing),
            "a move to be placing in the (slow) target");
        await hot.DisposeAsync();
        await Eventually.HoldsAsync(
            async () => (await PlanAsync(operations, proposed.PlanId)).Moves.Any(m => m.State == MoveState.Removing && m.Message.StartsWith("waiting", StringComparison.Ordinal)),
            "the placed move to wait for the gone source agent");
        var waiting = (await PlanAsync(operations, proposed.PlanId)).Moves.First(m => m.State == MoveState.Removing);
        Assert.That((hotProvider.Holds(waiting.WorkloadId), ((SimulatedZoneProvider)cold.Provider).Holds(waiting.WorkloadId)), Is.EqualTo((true, true)),
            "while the source is away the workload runs in both zones, never in none");
        Assert.That((await PlanAsync(operations, proposed.PlanId)).State, Is.EqualTo(PlanState.Executing));

        await using var back = await AgentProcess.StartAsync(hotSettings, hotProvider);
        var done = await EndedAsync(operations, proposed.PlanId);

        var moved = done.Moves.Where(m => m.State == MoveState.Completed).ToList();
        Assert.That(moved.Select(m => m.WorkloadId), Does.Contain(waiting.WorkloadId), Describe(done));
        Assert.That(done.Moves.Select(m => m.State), Has.None.EqualTo(MoveState.RolledBack));
        foreach (var move in done.Moves)
        {
            bool inTarget = move.State == MoveState.Completed;
            Assert.That((hotProvider.Holds(move.WorkloadId), ((SimulatedZoneProvider)cold.Provider).Holds(move.WorkloadId)), Is.EqualTo((!inTarget, inTarget)),
                $"{move.WorkloadId} ({move.State}) is in exactly one zone");
        }
    }

    [Test]
    public async Task StopExecutingPlan_MovesInFlightFinish_RestSkipped_PlanCancelled()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(Fast);
        var (hot, cold) = await StartZonesAsync(controlPlane, coldOverrides: new() { ["Agent:Simulation:CommandDelay"] = "00:00:00.500" });
        await using var _ = hot;
        await using var __ = cold;
        var operations = new OperationsService.OperationsServiceClient(controlPlane.Channel);
        var proposed = (await operations.ProposeRebalanceAsync(new ProposeRebalanceRequest())).Plan;
        Assert.That(proposed.Moves.Count, Is.GreaterThan(4), "enough moves that some are still pending when the stop comes");
        await operations.ApprovePlanAsync(new ApprovePlanRequest { PlanId = proposed.PlanId, Reason = "变更窗口" }, TestTokens.As("张工"));
        await Eventually.HoldsAsync(async () => (await PlanAsync(operations, proposed.PlanId)).State == PlanState.Executing, "execution to start");

        var stopping = (await operations.CancelPlanAsync(new CancelPlanRequest { PlanId = proposed.PlanId, Reason = "冻结期" }, TestTokens.As("李工"))).Plan;
        var done = await EndedAsync(operations, proposed.PlanId);

        Assert.That(stopping.State, Is.EqualTo(PlanState.Executing));
        Assert.That(stopping.StopRequestedBy, Is.EqualTo("李工"));
        Assert.That(done.State, Is.EqualTo(PlanState.Cancelled), Describe(done));
        Assert.That(done.History.Last().By, Is.EqualTo("李工"));
        Assert.That(done.Moves.Select(m => m.State), Has.Some.EqualTo(MoveState.Skipped));
        Assert.That(done.Moves.Select(m => m.State), Has.All.AnyOf(MoveState.Completed, MoveState.RolledBack, MoveState.Skipped));
    }

    internal static Dictionary<string, string?> HotSettings(ControlPlaneProcess controlPlane)
    {
        // ~28 small workloads fill 95% of the zone's storage; a 0.5 target makes about a dozen of them move.
        var settings = AgentProcess.ZoneSettings(controlPlane.AgentAddress, Hot, workloads: 400);
        settings["Agent:Simulation:Cores"] = "60";
        settings["Agent:Simulation:Shape"] = "s";
        settings["Agent:Zone:Labels:cloudgov.io/target-utilization"] = "0.5";
        return settings;
    }

    private static async Task<(AgentProcess Hot, AgentProcess Cold)> StartZonesAsync(ControlPlaneProcess controlPlane, Dictionary<string, string?>? coldOverrides = null)
    {
        var coldSettings = AgentProcess.ZoneSettings(controlPlane.AgentAddress, Cold, workloads: 5);
        coldSettings["Agent:Simulation:Cores"] = "400";
        coldSettings["Agent:Simulation:Seed"] = "7";
        foreach (var (key, value) in coldOverrides ?? [])
        {
            coldSettings[key] = value;
        }

        var hot = await AgentProcess.StartAsync(HotSettings(controlPlane));
        var cold = await AgentProcess.StartAsync(coldSettings);
        var operations = new OperationsService.OperationsServiceClient(controlPlane.Channel);
        await Eventually.HoldsAsync(
            async () => (await operations.ListZonesAsync(new ListZonesRequest())).Zones.Count(z => z.ZoneId is Hot or Cold && z.WorkloadCount > 0 && z.Status == CloudGov.Proto.Common.V1.ZoneStatus.Ready) == 2,
            "both zones to report their workloads");
        return (hot, cold);
    }

    private static async Task<ZoneSummary> ZoneAsync(OperationsService.OperationsServiceClient operations, string zoneId) =>
        (await operations.ListZonesAsync(new ListZonesRequest())).Zones.Single(z => z.ZoneId == zoneId);

    private static async Task<Plan> PlanAsync(OperationsService.OperationsServiceClient operations, string planId) =>
        (await operations.GetPlanAsync(new GetPlanRequest { PlanId = planId })).Plan;

    private static async Task<Plan> EndedAsync(OperationsService.OperationsServiceClient operations, string planId)
    {
        await Eventually.HoldsAsync(
            async () => (await PlanAsync(operations, planId)).State is PlanState.Completed or PlanState.PartiallyFailed or PlanState.Cancelled,
            $"plan {planId} to end",
            TimeSpan.FromSeconds(90));
        return await PlanAsync(operations, planId);
    }

    /// <summary>Requested over allocatable, largest resource (the zones over-commit CPU 1.5×).</summary>
    private static double Dominant(ZoneSummary zone) => Math.Max(
        Math.Max((double)zone.Requested.CpuMillicores / (zone.Capacity.CpuMillicores * 1.5), (double)zone.Requested.MemoryMib / zone.Capacity.MemoryMib),
        (double)zone.Requested.StorageGib / zone.Capacity.StorageGib);

    private static string Describe(Plan plan) =>
        string.Join("\n", plan.Moves.Select(m => $"{m.Index} {m.WorkloadId} {m.FromZoneId}->{m.ToZoneId} {m.State}: {m.Message}"));
}
