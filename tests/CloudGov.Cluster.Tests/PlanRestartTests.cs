using System.Diagnostics;
using CloudGov.Cluster.Tests.Support;
using CloudGov.Proto.Operations.V1;

namespace CloudGov.Cluster.Tests;

/// <summary>
/// The single-node control plane (SQLite file) SIGKILLed while it carries out a rebalance plan and started again on
/// the same file and ports: the plan resumes from its stored state and ends, and every workload ends in exactly one
/// zone — none lost, none duplicated, none ever running nowhere.
/// </summary>
[TestFixture]
public sealed class PlanRestartTests : ClusterTest
{
    private static readonly TimeSpan ColdCommandDelay = TimeSpan.FromMilliseconds(400);

    [Test]
    public async Task Sigkill_SqliteHostMidPlan_RestartedHostResumesThePlanToCompletedAndEveryWorkloadIsInExactlyOneZone()
    {
        var database = Path.Combine(Path.GetTempPath(), "cloudgov-cluster-tests", $"{Guid.NewGuid():N}", "cloudgov.db");
        var overrides = Plans.FastExecution();
        overrides["Storage:Mode"] = "Sqlite";
        overrides["Storage:SqlitePath"] = database;
        overrides["Storage:ClusterId"] = $"plan-restart-{Guid.NewGuid():N}";
        var first = await Hosts.StartAsync(HostProcess.FreshSettings(overrides), "plan-sqlite-first");
        var zones = Client(await RebalanceZones.StartAsync("plan-restart", [first.AgentAddress], [first.AgentAddress], ColdCommandDelay));
        await zones.WaitUntilReportedAsync(first.Channel);

        var proposed = await Plans.ProposeAsync(first.Channel);
        Assert.That(proposed.Stored, Is.True, $"the plan is stored (skipped: {proposed.SkippedReason})");
        var planId = proposed.Plan.PlanId;
        Assume.That(proposed.Plan.Moves, Has.Count.GreaterThanOrEqualTo(6), "enough moves that some are still to do when the host dies");
        await TestContext.Out.WriteLineAsync($"plan {planId}: {proposed.Plan.Moves.Count} moves {zones.Hot} -> {zones.Cold}");
        await Plans.ApproveAsync(first.Channel, planId);

        // Kill as soon as a move got past its placement while the plan still has moves to do.
        var atKill = await Plans.WaitAsync(
            first.Channel,
            planId,
            p => p.State == PlanState.Executing && p.Moves.Any(m => m.State is MoveState.Completed or MoveState.Removing),
            "the plan Executing with a move Completed or Removing",
            TimeSpan.FromSeconds(30),
            () => Hosts.Logs());
        first.KillNow();
        var watch = Stopwatch.StartNew();
        await TestContext.Out.WriteLineAsync($"SIGKILL at: {Plans.Tally(atKill)} ({atKill.Moves.Count} moves)");
        Assert.That(atKill.Moves.Where(m => m.State is MoveState.Pending or MoveState.Placing or MoveState.Removing), Is.Not.Empty,
            $"the host died with moves still to do\n{Plans.Describe(atKill)}");

        // Same settings: same SQLite file and ports, so the agents reconnect by themselves.
        var second = await Hosts.StartAsync(first.Settings, "plan-sqlite-second");
        var restarted = watch.Elapsed;
        var done = await Plans.WaitAsync(second.Channel, planId, Plans.HasEnded, $"plan {planId} to end on the restarted host", TimeSpan.FromSeconds(90), () => Hosts.Logs());
        await TestContext.Out.WriteLineAsync(
            $"restarted host serving {restarted.TotalSeconds:F1} s after the SIGKILL; plan ended {watch.Elapsed.TotalSeconds:F1} s after it: {done.State}, {Plans.Tally(done)}");

        Assert.That(done.State, Is.EqualTo(PlanState.Completed), () => $"{Plans.Describe(done)}\n{Hosts.Logs()}");
        Assert.That(done.History.Select(d => d.To), Is.EqualTo(new[] { PlanState.Proposed, PlanState.Approved, PlanState.Executing, PlanState.Completed }),
            () => Plans.Describe(done));
        Assert.That(zones.Problems(done), Is.Empty, () => $"where the workloads are after the plan\n{Plans.Describe(done)}\n{Hosts.Logs()}");
        Assert.That(HostLog.Contains(second, $"Plan {planId} is Executing; resuming execution"), Is.True, "the restarted host resumed the plan from its stored state");
    }
}
