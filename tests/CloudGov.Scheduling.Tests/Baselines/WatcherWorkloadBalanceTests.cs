using CloudGov.Domain;
using CloudGov.Scheduling.Benchmarks.Baselines;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Rebalancing;
using CloudGov.Scheduling.Tests.Support;

namespace CloudGov.Scheduling.Tests.Baselines;

public sealed class WatcherWorkloadBalanceTests
{
    private static WatcherWorkloadBalance Strategy() => new(Build.Filters(), new WatcherWorkloadBalance.Settings());

    [Test]
    public void Plan_OverloadedHost_MigratesInstanceLeavingHostClosestToAverage()
    {
        // Host loads 90% and 10%: average 50%, delta 40%. Instances of 10%, 35%, 45%: the 35% one is the largest
        // not exceeding the delta; after it moves both hosts are under the threshold and audits stop.
        var snapshot = CloudSnapshot.Create(
            [Build.Zone("hot"), Build.Zone("cold")],
            [Build.Workload("i10", "hot", cpu: 1_000), Build.Workload("i35", "hot", cpu: 3_500), Build.Workload("i45", "hot", cpu: 4_500), Build.Workload("c", "cold", cpu: 1_000)]);

        RebalancePlan plan = Strategy().Plan(snapshot);

        Assert.That(plan.Moves.Select(m => (m.WorkloadId, m.ToZoneId)), Is.EqualTo(new[] { ("i35", "cold") }));
    }

    [Test]
    public void Plan_ChosenInstanceHasNoDestination_AuditReturnsNoAction()
    {
        var snapshot = CloudSnapshot.Create(
            [Build.Zone("hot"), Build.Zone("low-level", level: MlpsLevel.Level2)],
            [Build.Workload("a", "hot", cpu: 4_500, level: MlpsLevel.Level3), Build.Workload("b", "hot", cpu: 4_500, level: MlpsLevel.Level3)]);

        Assert.That(Strategy().Plan(snapshot).Moves, Is.Empty);
    }

    [Test]
    public void Plan_HostHotOnlyInMemory_CpuMetricSeesNothing()
    {
        var snapshot = CloudSnapshot.Create(
            [Build.Zone("hot"), Build.Zone("cold")],
            [Build.Workload("m", "hot", cpu: 1_000, mem: 39_000)]);

        Assert.That(Strategy().Plan(snapshot).Moves, Is.Empty);
    }

    [Test]
    public void Plan_SeveralAudits_OneMigrationEachUntilNoOverload()
    {
        var snapshot = CloudSnapshot.Create(
            [Build.Zone("h1"), Build.Zone("h2"), Build.Zone("c1"), Build.Zone("c2")],
            [
                Build.Workload("a", "h1", cpu: 5_000), Build.Workload("b", "h1", cpu: 4_000),
                Build.Workload("c", "h2", cpu: 5_000), Build.Workload("d", "h2", cpu: 4_000),
            ]);

        RebalancePlan plan = Strategy().Plan(snapshot);

        Assert.That(plan.Moves, Has.Count.EqualTo(2));
        Assert.That(plan.Moves.Select(m => m.FromZoneId), Is.EquivalentTo(new[] { "h1", "h2" }));
        Assert.That(plan.HotZonesAfter, Is.Zero);
    }
}
