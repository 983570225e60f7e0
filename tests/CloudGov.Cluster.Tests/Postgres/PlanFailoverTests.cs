using System.Diagnostics;
using CloudGov.Cluster.Tests.Support;
using CloudGov.Proto.Operations.V1;

namespace CloudGov.Cluster.Tests.Postgres;

/// <summary>
/// Three control-plane processes, one cluster on PostgreSQL; the host that runs an executing rebalance plan is
/// SIGKILLed with moves in flight. Nobody asks for the plan until its durable reminder has resumed it on a survivor;
/// then it ends, and every workload ends in exactly one zone — none lost, none duplicated, none ever running nowhere.
/// </summary>
[TestFixture]
public sealed class PlanFailoverTests : ClusterTest
{
    private static readonly TimeSpan ColdCommandDelay = TimeSpan.FromMilliseconds(400);

    [Test]
    public async Task Sigkill_HostRunningTheExecutingPlan_ReminderResumesItOnASurvivorAndEveryWorkloadIsInExactlyOneZone()
    {
        var database = await PostgresTestServer.Server.CreateDatabaseAsync("planfailover");
        var clusterId = $"plan-failover-{Guid.NewGuid():N}";
        var hosts = await Hosts.StartClusterAsync(
            [.. Enumerable.Range(0, 3).Select(_ => Hosts.PostgresHost(database, clusterId, Plans.FastExecution()))], "pg-plan");

        // Each agent starts at a different host and moves on to the next one when its session fails.
        var zones = Client(await RebalanceZones.StartAsync("plan-failover", Agents.Rotated(hosts, 0), Agents.Rotated(hosts, 1), ColdCommandDelay));
        await zones.WaitUntilReportedAsync(hosts[2].Channel);

        var proposed = await Plans.ProposeAsync(hosts[2].Channel);
        Assert.That(proposed.Stored, Is.True, $"the plan is stored (skipped: {proposed.SkippedReason})");
        var planId = proposed.Plan.PlanId;
        Assume.That(proposed.Plan.Moves, Has.Count.GreaterThanOrEqualTo(6), "enough moves that some are still to do when the host dies");
        await TestContext.Out.WriteLineAsync($"plan {planId}: {proposed.Plan.Moves.Count} moves {zones.Hot} -> {zones.Cold}");
        await Plans.ApproveAsync(hosts[2].Channel, planId);

        // The plan grain's host logs its start of execution.
        HostProcess? executor = null;
        await Eventually.HoldsAsync(
            () => (executor = hosts.FirstOrDefault(h => HostLog.Contains(h, $"Plan {planId} Approved -> Executing by executor"))) is not null,
            $"a host to log that plan {planId} started executing",
            TimeSpan.FromSeconds(30));
        var victim = executor!;
        HostProcess[] survivors = [.. hosts.Where(h => h != victim)];
        var atKill = await Plans.WaitAsync(
            survivors[0].Channel,
            planId,
            p => p.State == PlanState.Executing && p.Moves.Any(m => m.State is MoveState.Completed or MoveState.Removing),
            "the plan Executing with a move Completed or Removing",
            TimeSpan.FromSeconds(30),
            () => Hosts.Logs());
        var marks = survivors.ToDictionary(h => h, HostLog.Length);
        victim.KillNow();
        var watch = Stopwatch.StartNew();
        await TestContext.Out.WriteLineAsync($"SIGKILL {victim.Name} (ran the plan) at: {Plans.Tally(atKill)} ({atKill.Moves.Count} moves)");
        Assert.That(atKill.Moves.Where(m => m.State is MoveState.Pending or MoveState.Placing or MoveState.Removing), Is.Not.Empty,
            $"the host died with moves still to do\n{Plans.Describe(atKill)}");

        // Nothing asks for the plan here: only its durable reminder can wake it on a survivor.
        HostProcess? resumer = null;
        await Eventually.HoldsAsync(
            () => (resumer = survivors.FirstOrDefault(h => HostLog.Contains(h, $"Plan {planId} is Executing; resuming execution", marks[h]))) is not null,
            $"a surviving host to resume plan {planId} by its reminder (Plans:Execution:ResumeInterval 2 s)",
            TimeSpan.FromSeconds(45));
        var resumed = watch.Elapsed;

        var done = await Plans.WaitAsync(survivors[0].Channel, planId, Plans.HasEnded, $"plan {planId} to end on the survivors", TimeSpan.FromSeconds(90), () => Hosts.Logs());
        await TestContext.Out.WriteLineAsync(
            $"resumed on {resumer!.Name} {resumed.TotalSeconds:F1} s after the SIGKILL; plan ended {watch.Elapsed.TotalSeconds:F1} s after it: {done.State}, {Plans.Tally(done)}");

        Assert.That(done.State, Is.EqualTo(PlanState.Completed), () => $"{Plans.Describe(done)}\n{Hosts.Logs()}");
        Assert.That(done.History.Select(d => d.To), Is.EqualTo(new[] { PlanState.Proposed, PlanState.Approved, PlanState.Executing, PlanState.Completed }),
            () => Plans.Describe(done));
        Assert.That(zones.Problems(done), Is.Empty, () => $"where the workloads are after the plan\n{Plans.Describe(done)}\n{Hosts.Logs()}");
    }
}
