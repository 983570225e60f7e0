using CloudGov.Domain;
using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Rebalancing;
using CloudGov.Scheduling.Tests.Support;

namespace CloudGov.Scheduling.Tests.Rebalancing;

/// <summary>A zone evacuated by a security-baseline rule (draining, with the rule): its movable workloads are required moves with the evacuation reason.</summary>
public sealed class BaselineEvacuationTests
{
    private static CloudSnapshot Evacuated(params ZoneSnapshot[] others) => CloudSnapshot.Create(
        [Build.Zone("bad", status: ZoneStatus.Draining) with { EvacuationRule = "gx-evacuate" }, .. others],
        [Build.Workload("a", "bad"), Build.Workload("b", "bad"), Build.Workload("p", "bad", movable: false)]);

    [Test]
    public void Plan_EvacuatedZone_EveryMovableWorkloadLeavesWithTheEvacuationReasonNamingTheRule()
    {
        var snapshot = Evacuated(Build.Zone("good"));

        RebalancePlan plan = Build.Strategy().Plan(snapshot);

        Assert.That(plan.Moves.Select(m => m.WorkloadId), Is.EquivalentTo(new[] { "a", "b" }));
        Assert.That(plan.Moves.Select(m => m.Reason.Code), Is.All.EqualTo(ReasonCodes.BaselineEvacuation));
        Assert.That(plan.Moves.Select(m => m.Reason.English), Is.All.Contain("gx-evacuate").And.All.Contain("moving to good"));
        Assert.That(PlanValidator.Validate(snapshot, plan.Moves, Build.Filters(), Build.Now, TimeSpan.FromHours(6)), Is.Empty);
    }

    [Test]
    public void Plan_EvacuatedZoneWithAPinnedWorkload_NotesSayThePinnedOneStays()
    {
        RebalancePlan plan = Build.Strategy().Plan(Evacuated(Build.Zone("good")));

        var note = plan.Notes.Single(n => n.Code == ReasonCodes.BaselineEvacuation);
        Assert.That(note.English, Does.Contain("1 pinned workload(s) stay").And.Contain("gx-evacuate"));
        Assert.That(note.Chinese, Does.Contain("固定"));
    }

    [Test]
    public void Plan_EvacuatedZoneNoDestinationForALevel_NotedWithTheEvacuationCode()
    {
        var snapshot = CloudSnapshot.Create(
            [Build.Zone("bad", status: ZoneStatus.Draining, level: MlpsLevel.Level3) with { EvacuationRule = "gx-evacuate" }, Build.Zone("l2", level: MlpsLevel.Level2)],
            [Build.Workload("l3sys", "bad", level: MlpsLevel.Level3)]);

        RebalancePlan plan = Build.Strategy().Plan(snapshot);

        Assert.That(plan.Moves, Is.Empty, "no zone certified for level 3 can take it");
        Assert.That(plan.Notes.Single().Code, Is.EqualTo(ReasonCodes.BaselineEvacuation));
        Assert.That(plan.Notes.Single().English, Does.Contain("l3sys must leave zone bad"));
    }

    [Test]
    public void Plan_EvacuationWhileDrainingEvacuationTurnedOff_StillEvacuates()
    {
        var strategy = Build.Strategy(new CloudGovRebalanceOptions { EvacuateDrainingZones = false });

        RebalancePlan plan = strategy.Plan(Evacuated(Build.Zone("good")));

        Assert.That(plan.Moves.Select(m => m.WorkloadId), Is.EquivalentTo(new[] { "a", "b" }), "the option covers operators' Draining, not the baseline's evacuate action");
    }

    [Test]
    public void Place_EvacuatedZone_RefusedNamingTheRule()
    {
        var snapshot = CloudSnapshot.Create([Build.Zone("bad", status: ZoneStatus.Draining) with { EvacuationRule = "gx-evacuate" }], []);
        var filter = new ZoneStatusFilter();
        var context = Build.Context(snapshot, Build.Workload("n", null), "bad");

        Assert.That(filter.Admits(context), Is.False);
        Assert.That(filter.Explain(context).English, Does.Contain("evacuated for security baseline rule gx-evacuate"));
    }
}
