using CloudGov.Proto.Operations.V1;
using CloudGov.ControlPlane.Jobs;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using CloudGov.Testing.Identity;

namespace CloudGov.EndToEnd.Tests;

/// <summary>A real host and real agents: the operations API proposes a rebalance for a hot zone, and plans are approved and cancelled.</summary>
public sealed class RebalancePlanApiTests
{
    private static readonly Dictionary<string, string?> FastZones = new()
    {
        ["Zones:ReportInterval"] = "00:00:00.200",
        ["Zones:StalenessWindow"] = "00:00:05",
        ["Zones:StateFlushInterval"] = "00:00:00.500",
        ["ControlPlane:StalenessSweepInterval"] = "00:00:00.250",
    };

    [Test]
    public async Task ProposeApproveCancel_HotAndColdZoneInOneCity_PlansMoveFromHotToColdAndDecisionsHaveRightStatuses()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(FastZones);
        var hotSettings = AgentProcess.ZoneSettings(controlPlane.AgentAddress, "gx-e2e-plan-hot", workloads: 400);
        hotSettings["Agent:Simulation:Cores"] = "60";   // requests fill ~95% of allocatable: over the 0.80 target
        hotSettings["Agent:Simulation:CommandDelay"] = "00:00:01"; // moves take seconds, so the plan is still executing when it is cancelled
        var coldSettings = AgentProcess.ZoneSettings(controlPlane.AgentAddress, "gx-e2e-plan-cold", workloads: 5);
        coldSettings["Agent:Simulation:Cores"] = "400";
        coldSettings["Agent:Simulation:Seed"] = "7";
        coldSettings["Agent:Simulation:CommandDelay"] = "00:00:01";
        await using var hot = await AgentProcess.StartAsync(hotSettings);
        await using var cold = await AgentProcess.StartAsync(coldSettings);
        var operations = new OperationsService.OperationsServiceClient(controlPlane.Channel);
        await Eventually.HoldsAsync(
            async () => (await operations.ListZonesAsync(new ListZonesRequest())).Zones.Count(z => z.ZoneId.StartsWith("gx-e2e-plan-", StringComparison.Ordinal) && z.WorkloadCount > 0) == 2,
            "both zones to report their workloads into the one-cloud view");

        var dryRun = await operations.ProposeRebalanceAsync(new ProposeRebalanceRequest { DryRun = true });

        Assert.That(dryRun.Stored, Is.False);
        Assert.That(dryRun.Plan.PlanId, Is.Empty);
        Assert.That(dryRun.Plan.Moves, Is.Not.Empty, "the hot zone must be cooled");
        Assert.That(dryRun.Plan.Moves.Select(m => (m.FromZoneId, m.ToZoneId, m.State)).Distinct(),
            Is.EqualTo(new[] { ("gx-e2e-plan-hot", "gx-e2e-plan-cold", MoveState.Pending) }));
        Assert.That(dryRun.Plan.Moves.Select(m => m.Reason.Code), Has.All.EqualTo("ZONE_OVER_TARGET"));
        Assert.That(dryRun.Plan.Moves[0].Reason.Chinese, Is.Not.Empty);
        var hotZone = dryRun.Plan.Zones.Single(z => z.ZoneId == "gx-e2e-plan-hot");
        Assert.That(Dominant(hotZone.Before), Is.GreaterThan(hotZone.Target));
        Assert.That(Dominant(hotZone.After), Is.LessThanOrEqualTo(hotZone.Target + 1e-9));
        Assert.That((await operations.ListPlansAsync(new ListPlansRequest())).Plans, Is.Empty, "a dry run stores nothing");

        var first = (await operations.ProposeRebalanceAsync(new ProposeRebalanceRequest())).Plan;
        var second = (await operations.ProposeRebalanceAsync(new ProposeRebalanceRequest())).Plan;

        Assert.That(first.State, Is.EqualTo(PlanState.Proposed));
        Assert.That(first.PlanId, Does.Match("^plan-[0-9a-f]{16}$"));
        Assert.That(first.PolicyVerdict.Single().Code, Is.EqualTo("AUTO_APPROVAL_DISABLED"), "auto-approval is off by default");
        Assert.That(first.AutoApproved, Is.False);
        var superseded = (await operations.GetPlanAsync(new GetPlanRequest { PlanId = first.PlanId })).Plan;
        Assert.That(superseded.State, Is.EqualTo(PlanState.Cancelled));
        Assert.That(superseded.History.Last().Reason, Does.Contain(second.PlanId));

        var approved = (await operations.ApprovePlanAsync(new ApprovePlanRequest { PlanId = second.PlanId, Reason = "变更窗口内执行" }, TestTokens.As("张工"))).Plan;

        Assert.That(approved.State, Is.EqualTo(PlanState.Approved), "execution starts right after the approval is stored");
        Assert.That(approved.History.Last().By, Is.EqualTo("张工"));
        Assert.That(approved.History.Last().From, Is.EqualTo(PlanState.Proposed));
        var skipped = await operations.ProposeRebalanceAsync(new ProposeRebalanceRequest());
        Assert.That(skipped.Plan, Is.Null);
        Assert.That(skipped.SkippedReason, Does.Contain(second.PlanId).And.Match("is (Approved|Executing)"));

        var approveAgain = await FailsAsync(async () =>
            await operations.ApprovePlanAsync(new ApprovePlanRequest { PlanId = second.PlanId, Reason = "again" }, TestTokens.As("张工")));
        var approveSuperseded = await FailsAsync(async () =>
            await operations.ApprovePlanAsync(new ApprovePlanRequest { PlanId = first.PlanId, Reason = "old" }, TestTokens.As("张工")));
        Assert.That(approveAgain.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
        Assert.That(approveAgain.Status.Detail, Does.Match("is (Approved|Executing|Completed)"));
        Assert.That(approveSuperseded.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
        Assert.That(approveSuperseded.Status.Detail, Does.Contain("is Cancelled"));

        // Cancelling an executing plan stops it: moves in flight finish, the rest are skipped, then it is Cancelled.
        var cancelled = (await operations.CancelPlanAsync(new CancelPlanRequest { PlanId = second.PlanId, Reason = "冻结期" }, TestTokens.As("李工"))).Plan;
        Assert.That(cancelled.State, Is.AnyOf(PlanState.Cancelled, PlanState.Executing));
        await Eventually.HoldsAsync(
            async () => (await operations.GetPlanAsync(new GetPlanRequest { PlanId = second.PlanId })).Plan.State == PlanState.Cancelled,
            "the stopped plan to end Cancelled");
        var cancelAgain = await FailsAsync(async () =>
            await operations.CancelPlanAsync(new CancelPlanRequest { PlanId = second.PlanId, Reason = "again" }, TestTokens.As("李工")));
        Assert.That(cancelAgain.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
        Assert.That(cancelAgain.Status.Detail, Does.Contain("is Cancelled"));
        var listed = await operations.ListPlansAsync(new ListPlansRequest { State = PlanState.Cancelled });
        Assert.That(listed.Plans.Select(p => p.PlanId), Is.EqualTo(new[] { second.PlanId, first.PlanId }), "newest first");

        using var http = new HttpClient { BaseAddress = controlPlane.HttpAddress };
        var metrics = await http.GetStringAsync("/metrics");
        Assert.That(metrics, Does.Contain("cloudgov_plan_rounds_total{trigger=\"manual\",outcome=\"proposed\"} 2"));
        Assert.That(metrics, Does.Contain("cloudgov_plan_rounds_total{trigger=\"manual\",outcome=\"skipped\"} 1"));
        Assert.That(metrics, Does.Contain("cloudgov_plans{trigger=\"manual\",state=\"Cancelled\"} 2"));
        Assert.That(metrics, Does.Match("cloudgov_plan_compute_seconds_count\\{trigger=\"manual\"\\} 3"));
    }

    [Test]
    public async Task RebalanceSchedule_CronEverySecondWithAutoApproval_OnePlanAutoApprovedAndLaterRoundsSkipped()
    {
        var settings = new Dictionary<string, string?>(FastZones)
        {
            ["Plans:RebalanceSchedule"] = "0/1 * * * * ?",
            ["Plans:MinScheduledRoundGap"] = "00:00:00.500",
            ["Plans:AutoApproval:Enabled"] = "true",
            ["Plans:AutoApproval:MaxMoves"] = "1000",
        };
        await using var controlPlane = await ControlPlaneProcess.StartAsync(settings);
        var hotSettings = AgentProcess.ZoneSettings(controlPlane.AgentAddress, "gx-e2e-sched-hot", workloads: 400);
        hotSettings["Agent:Simulation:Cores"] = "60";
        var coldSettings = AgentProcess.ZoneSettings(controlPlane.AgentAddress, "gx-e2e-sched-cold", workloads: 5);
        coldSettings["Agent:Simulation:Cores"] = "400";
        await using var hot = await AgentProcess.StartAsync(hotSettings);
        await using var cold = await AgentProcess.StartAsync(coldSettings);
        var operations = new OperationsService.OperationsServiceClient(controlPlane.Channel);
        using var http = new HttpClient { BaseAddress = controlPlane.HttpAddress };

        await Eventually.HoldsAsync(
            async () => (await operations.ListPlansAsync(new ListPlansRequest())).Plans.Any(p => p.Trigger == PlanTrigger.Scheduled && p.Moves.Count > 0),
            "the cron trigger to store a scheduled plan for the hot zone");
        var plan = (await operations.ListPlansAsync(new ListPlansRequest())).Plans.Single(p => p.Trigger == PlanTrigger.Scheduled);
        Assert.That(plan.AutoApproved, Is.True, "same city, level and plane: within the auto-approval policy");
        Assert.That(plan.History[1].By, Is.EqualTo("policy:auto-approval"));
        await Eventually.HoldsAsync(
            async () => (await operations.GetPlanAsync(new GetPlanRequest { PlanId = plan.PlanId })).Plan.State == PlanState.Completed,
            "the auto-approved plan to execute and complete");
        await Eventually.HoldsAsync(
            async () => System.Text.RegularExpressions.Regex.IsMatch(await http.GetStringAsync("/metrics"), "cloudgov_plan_rounds_total\\{trigger=\"scheduled\",outcome=\"empty\"\\} [1-9]"),
            "later scheduled rounds, once the zones reported after the plan, to find nothing left to move");

        Assert.That((await operations.ListPlansAsync(new ListPlansRequest())).Plans.Count(p => p.Trigger == PlanTrigger.Scheduled), Is.EqualTo(1),
            "no second plan from a picture taken before the moved workloads were reported in their new zone");
    }

    [Test]
    public async Task PlanCommands_BadInputOrUnknownPlanWithDefaults_InvalidArgumentOrNotFoundAndNoPeriodicRebalance()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(FastZones);
        var operations = new OperationsService.OperationsServiceClient(controlPlane.Channel);

        var malformed = await FailsAsync(async () => await operations.GetPlanAsync(new GetPlanRequest { PlanId = "../etc" }));
        var unknown = await FailsAsync(async () => await operations.GetPlanAsync(new GetPlanRequest { PlanId = "plan-0123456789abcdef" }));
        var noReason = await FailsAsync(async () =>
            await operations.CancelPlanAsync(new CancelPlanRequest { PlanId = "plan-0123456789abcdef" }, TestTokens.As("李工")));
        var cancelUnknown = await FailsAsync(async () =>
            await operations.CancelPlanAsync(new CancelPlanRequest { PlanId = "plan-0123456789abcdef", Reason = "x" }, TestTokens.As("李工")));
        var badState = await FailsAsync(async () => await operations.ListPlansAsync(new ListPlansRequest { State = (PlanState)42 }));

        Assert.That(malformed.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(unknown.StatusCode, Is.EqualTo(StatusCode.NotFound));
        Assert.That(noReason.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(noReason.Status.Detail, Does.Contain("reason"));
        Assert.That(cancelUnknown.StatusCode, Is.EqualTo(StatusCode.NotFound));
        Assert.That(badState.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        var scheduler = await controlPlane.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        Assert.That(await scheduler.Exists(StalenessSweepJob.Key), Is.True, "the host's own Quartz scheduler");
        Assert.That(await scheduler.Exists(RebalanceJob.Key), Is.False, "the periodic rebalance is off by default");
    }

    private static async Task<RpcException> FailsAsync(Func<Task> call) =>
        await Assert.ThrowsAsync<RpcException>(async () => await call()) ?? throw new AssertionException("expected an RpcException");

    private static double Dominant(Utilization u) => Math.Max(Math.Max(u.Cpu, u.Memory), Math.Max(u.Storage, u.Gpu));
}
