using CloudGov.Scheduling.Benchmarks.Baselines;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Rebalancing;
using CloudGov.Scheduling.Tests.Support;

namespace CloudGov.Scheduling.Tests.Baselines;

public sealed class DeschedulerLowNodeUtilizationTests
{
    private static DeschedulerLowNodeUtilization Plugin(double threshold = 0.5) =>
        new(Build.Filters(), new DeschedulerLowNodeUtilization.Settings(Threshold: threshold));

    [Test]
    public void Plan_NoUnderutilizedNode_EvictsNothing()
    {
        var snapshot = CloudSnapshot.Create(
            [Build.Zone("hot"), Build.Zone("mid")],
            [Build.Workload("a", "hot", cpu: 9_000), Build.Workload("b", "mid", cpu: 6_000)]);

        Assert.That(Plugin().Plan(snapshot).Moves, Is.Empty);
    }

    [Test]
    public void Plan_OverutilizedNode_EvictsLowestPriorityFirstUntilUnderTarget()
    {
        var snapshot = CloudSnapshot.Create(
            [Build.Zone("hot"), Build.Zone("idle")],
            [
                Build.Workload("p2", "hot", cpu: 3_000, priority: 2),
                Build.Workload("p0", "hot", cpu: 1_000, priority: 0),
                Build.Workload("p1", "hot", cpu: 3_000, priority: 1),
                Build.Workload("p3", "hot", cpu: 2_500, priority: 3),
            ]);

        RebalancePlan plan = Plugin().Plan(snapshot);

        // 9,500m on a 8,000m target: p0 (1,000m) leaves 8,500m, still over, so p1 goes too; then it stops.
        Assert.That(plan.Moves.Select(m => m.WorkloadId), Is.EqualTo(new[] { "p0", "p1" }));
        Assert.That(plan.Moves.Select(m => m.ToZoneId), Is.All.EqualTo("idle"));
    }

    [Test]
    public void Plan_PooledCapacityExhausted_StopsWhileStillHot()
    {
        // The only underutilized node has 500m left under its target threshold: one eviction drains the pool.
        var snapshot = CloudSnapshot.Create(
            [Build.Zone("hot"), Build.Zone("small", cpu: 2_000), Build.Zone("mid", cpu: 100_000)],
            [
                Build.Workload("a", "hot", cpu: 1_000), Build.Workload("b", "hot", cpu: 1_000), Build.Workload("c", "hot", cpu: 7_500),
                Build.Workload("s", "small", cpu: 900, mem: 100), Build.Workload("m", "mid", cpu: 60_000),
            ]);

        RebalancePlan plan = Plugin().Plan(snapshot);

        Assert.That(plan.Moves, Has.Count.EqualTo(1));
        Assert.That(plan.HotZonesAfter, Is.EqualTo(1));
    }

    [Test]
    public void Plan_PinnedPods_NotEvicted()
    {
        var snapshot = CloudSnapshot.Create(
            [Build.Zone("hot"), Build.Zone("idle")],
            [Build.Workload("pinned", "hot", cpu: 2_000, movable: false), Build.Workload("x", "hot", cpu: 7_000, priority: 5)]);

        Assert.That(Plugin().Plan(snapshot).Moves.Select(m => m.WorkloadId), Is.EqualTo(new[] { "x" }));
    }

    [Test]
    public void Plan_TwoOverutilizedNodes_MostUsedProcessedFirst()
    {
        var snapshot = CloudSnapshot.Create(
            [Build.Zone("warm"), Build.Zone("hotter"), Build.Zone("idle", cpu: 100_000)],
            [Build.Workload("w", "warm", cpu: 8_500), Build.Workload("h", "hotter", cpu: 9_500)]);

        Assert.That(Plugin().Plan(snapshot).Moves.Select(m => m.FromZoneId), Is.EqualTo(new[] { "hotter", "warm" }));
    }
}
