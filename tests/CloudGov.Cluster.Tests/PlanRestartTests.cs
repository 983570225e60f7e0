using System.Diagnostics;
using CloudGov.Cluster.Tests.Support;
using CloudGov.Proto.Operations.V1;
using NUnit.Framework.Interfaces;

namespace CloudGov.Cluster.Tests;

/// <summary>
/// The single-node control plane (SQLite file) SIGKILLed while it carries out a rebalance plan and started again on
/// the same file and ports: the plan resumes from its stored state and ends, and every workload ends in exactly one
/// zone — none lost, none duplicated, none ever running nowhere.
/// </summary>
[TestFixture]
public sealed class PlanRestartTests
{
    private static readonly TimeSpan ColdCommandDelay = TimeSpan.FromMilliseconds(400);
    private Hosts _hosts = null!;
    private RebalanceZones? _zones;

    [SetUp]
    public void SetUp() => _hosts = new Hosts();

    [TearDown]
    public async Task TearDownAsync()
    {
        if (_zones is not null)
        {
            await _zones.DisposeAsync();
        }

        if (TestContext.CurrentContext.Result.Outcome.Status == TestStatus.Failed)
        {
            await TestContext.Out.WriteLineAsync(_hosts.Logs());
        }

        await _hosts.DisposeAsync();
    }

    [Test]
    public async Task Sigkill_SqliteHostMidPlan_RestartedHostResumesThePlanToCompletedAndEveryWorkloadIsInExactlyOneZone()
    {
        var database = Path.Combine(Path.GetTempPath(), "cloudgov-cluster-tests", $"{Guid.NewGuid():N}", "cloudgov.db");
        var overrides = Plans.FastExecution();
        overrides["Storage:Mode"] = "Sqlite";
        overrides["Storage:SqlitePath"] = database;
        overrides["Storage:ClusterId"] = $"plan-restart-{Guid.NewGuid():N}";
        var first = await _hosts.StartAsync(HostProcess.FreshSettings(overrides), "plan-sqlite-first");
        _zones = await RebalanceZones.StartAsync("plan-restart", [first.GrpcAddress], [first.GrpcAddress], ColdCommandDelay);
        await _zones.WaitUntilReportedAsync(first.Channel);

        var proposed = await Plans.ProposeAsync(first.Channel);
        Assert.That(proposed.Stored, Is.True, $"the plan is stored (skipped: {proposed.SkippedReason})");
        var planId = proposed.Plan.PlanId;
        Assume.That(proposed.Plan.Moves, Has.Count.GreaterThanOrEqualTo(6), "enough moves that some are still to do when the host dies");
        await TestContext.Out.WriteLineAsync($"plan {planId}: {proposed.Plan.Moves.Count} moves {_zones.Hot} -> {_zones.Cold}");
        await Plans.ApproveAsync(first.Channel, planId);

        // Kill as soon as a move got past its placement while the plan still has moves to do.
        var atKill = await Plans.WaitAsync(
            first.Channel,
            planId,
            p => p.State == PlanState.Executing && p.Moves.Any(m => m.State is MoveState.Completed or MoveState.Removing),
            "the plan Executing with a move Completed or Removing",
            TimeSpan.FromSeconds(30),
            () => _hosts.Logs());
        first.KillNow();
        var watch = Stopwatch.StartNew();
        await TestContext.Out.WriteLineAsync($"SIGKILL at: {Plans.Tally(atKill)} ({atKill.Moves.Count} moves)");
        Assert.That(atKill.Moves.Where(m => m.State is MoveState.Pending or MoveState.Placing or MoveState.Removing), Is.Not.Empty,
            $"the host died with moves still to do\n{Plans.Describe(atKill)}");

        // Same settings: same SQLite file and ports, so the agents reconnect by themselves.
        var second = await _hosts.StartAsync(first.Settings, "plan-sqlite-second");
        var restarted = watch.Elapsed;
        var done = await Plans.WaitAsync(second.Channel, planId, Plans.HasEnded, $"plan {planId} to end on the restarted host", TimeSpan.FromSeconds(90), () => _hosts.Logs());
        await TestContext.Out.WriteLineAsync(
            $"restarted host serving {restarted.TotalSeconds:F1} s after the SIGKILL; plan ended {watch.Elapsed.TotalSeconds:F1} s after it: {done.State}, {Plans.Tally(done)}");

        Assert.That(done.State, Is.EqualTo(PlanState.Completed), () => $"{Plans.Describe(done)}\n{_hosts.Logs()}");
        Assert.That(done.History.Select(d => d.To), Is.EqualTo(new[] { PlanState.Proposed, PlanState.Approved, PlanState.Executing, PlanState.Completed }),
            () => Plans.Describe(done));
        Assert.That(_zones.Problems(done), Is.Empty, () => $"where the workloads are after the plan\n{Plans.Describe(done)}\n{_hosts.Logs()}");
        Assert.That(HostLog.Contains(second, $"Plan {planId} is Executing; resuming execution"), Is.True, "the restarted host resumed the plan from its stored state");
    }
}
