using CloudGov.Domain;
using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Rebalancing;
using CloudGov.Scheduling.Tests.Support;

namespace CloudGov.Scheduling.Tests.Rebalancing;

public sealed class CloudGovRebalanceStrategyTests
{
    // Zones of 10,000m CPU with target 0.8: a zone is hot above 8,000m.
    private static CloudSnapshot HotAndCold(params WorkloadSnapshot[] hotWorkloads) =>
        CloudSnapshot.Create([Build.Zone("hot"), Build.Zone("cold")], hotWorkloads);

    [Test]
    public void Plan_NoHotZone_ProposesNothing()
    {
        var snapshot = HotAndCold(Build.Workload("w1", "hot", cpu: 7_000));

        RebalancePlan plan = Build.Strategy().Plan(snapshot);

        Assert.That(plan.Moves, Is.Empty);
        Assert.That(plan.Notes, Is.Empty);
    }

    [Test]
    public void Plan_HotZone_OneCheapestSufficientMove()
    {
        var snapshot = HotAndCold(
            Build.Workload("small", "hot", cpu: 1_000),
            Build.Workload("big-costly", "hot", cpu: 3_000, cost: 9),
            Build.Workload("mid-cheap", "hot", cpu: 2_000, cost: 1),
            Build.Workload("rest", "hot", cpu: 3_500));

        RebalancePlan plan = Build.Strategy().Plan(snapshot);

        Assert.Multiple(() =>
        {
            Assert.That(plan.Moves.Select(m => m.WorkloadId), Is.EqualTo(new[] { "mid-cheap" }));
            Move move = plan.Moves[0];
            Assert.That((move.FromZoneId, move.ToZoneId), Is.EqualTo(("hot", "cold")));
            Assert.That(move.Reason.Code, Is.EqualTo(ReasonCodes.ZoneOverTarget));
            Assert.That(move.Reason.English, Does.Contain("hot").And.Contain("cold"));
            Assert.That(move.Reason.Chinese, Does.Contain("超过目标"));
            Assert.That(plan.Zones.Single(z => z.ZoneId == "hot").HotBefore, Is.True);
            Assert.That(plan.Zones.Single(z => z.ZoneId == "hot").HotAfter, Is.False);
            Assert.That(plan.Zones.Single(z => z.ZoneId == "hot").After.Cpu, Is.EqualTo(0.75).Within(1e-9));
            Assert.That(plan.BalanceIndexAfter, Is.GreaterThan(plan.BalanceIndexBefore));
        });
    }

    [Test]
    public void Plan_OneLargeOrManySmall_TakesTheOneLarge()
    {
        var snapshot = HotAndCold(
            Build.Workload("a", "hot", cpu: 500),
            Build.Workload("b", "hot", cpu: 500),
            Build.Workload("c", "hot", cpu: 500),
            Build.Workload("d", "hot", cpu: 1_200),
            Build.Workload("e", "hot", cpu: 1_200),
            Build.Workload("f", "hot", cpu: 5_600));

        RebalancePlan plan = Build.Strategy().Plan(snapshot);

        Assert.That(plan.Moves, Has.Count.EqualTo(1));
        Assert.That(plan.Moves[0].WorkloadId, Is.EqualTo("f"));
        Assert.That(plan.HotZonesAfter, Is.Zero);
    }

    [Test]
    public void Plan_PinnedWorkload_NeverMoved()
    {
        var snapshot = HotAndCold(
            Build.Workload("pinned", "hot", cpu: 4_000, movable: false),
            Build.Workload("a", "hot", cpu: 2_500),
            Build.Workload("b", "hot", cpu: 2_500));

        RebalancePlan plan = Build.Strategy().Plan(snapshot);

        Assert.That(plan.Moves.Select(m => m.WorkloadId), Does.Not.Contain("pinned"));
        Assert.That(plan.HotZonesAfter, Is.Zero);
    }

    [Test]
    public void Plan_WorkloadInCooldown_NotMoved()
    {
        var snapshot = HotAndCold(
            Build.Workload("recent", "hot", cpu: 2_000, lastMoved: Build.Now.AddHours(-1)),
            Build.Workload("old", "hot", cpu: 1_500, lastMoved: Build.Now.AddDays(-2)),
            Build.Workload("rest", "hot", cpu: 6_000));

        RebalancePlan plan = Build.Strategy().Plan(snapshot);

        Assert.That(plan.Moves.Select(m => m.WorkloadId), Does.Not.Contain("recent"));
        Assert.That(plan.Moves.Select(m => m.WorkloadId), Does.Contain("old"));
    }

    [Test]
    public void Plan_CloudWideFreeze_NoMovesWithNote()
    {
        var freeze = new FreezeWindow(Build.Now.AddHours(-1), Build.Now.AddHours(1), null, "两会保障");
        var snapshot = CloudSnapshot.Create([Build.Zone("hot"), Build.Zone("cold")], [Build.Workload("w", "hot", cpu: 9_000)], [freeze]);

        RebalancePlan plan = Build.Strategy().Plan(snapshot);

        Assert.That(plan.Moves, Is.Empty);
        Assert.That(plan.Notes.Single().Code, Is.EqualTo(ReasonCodes.FreezeWindowActive));
        Assert.That(plan.Notes.Single().Chinese, Does.Contain("两会保障"));
    }

    [Test]
    public void Plan_FreezeWindowOver_IgnoresIt()
    {
        var freeze = new FreezeWindow(Build.Now.AddHours(-3), Build.Now.AddHours(-1), null, "past");
        var snapshot = CloudSnapshot.Create([Build.Zone("hot"), Build.Zone("cold")], [Build.Workload("a", "hot", cpu: 6_000), Build.Workload("b", "hot", cpu: 3_000)], [freeze]);

        Assert.That(Build.Strategy().Plan(snapshot).Moves, Has.Count.EqualTo(1));
    }

    [Test]
    public void Plan_DestinationFrozen_UsesAnotherZone()
    {
        var freeze = new FreezeWindow(Build.Now.AddHours(-1), Build.Now.AddHours(1), "cold", "upgrade");
        var snapshot = CloudSnapshot.Create(
            [Build.Zone("hot"), Build.Zone("cold"), Build.Zone("warm")],
            [Build.Workload("a", "hot", cpu: 6_000), Build.Workload("b", "hot", cpu: 3_000), Build.Workload("c", "warm", cpu: 4_000)],
            [freeze]);

        RebalancePlan plan = Build.Strategy().Plan(snapshot);

        Assert.That(plan.Moves.Select(m => m.ToZoneId), Is.EqualTo(new[] { "warm" }));
    }

    [Test]
    public void Plan_SourceFrozen_StaysHot()
    {
        var freeze = new FreezeWindow(Build.Now.AddHours(-1), Build.Now.AddHours(1), "hot", "upgrade");
        var snapshot = CloudSnapshot.Create([Build.Zone("hot"), Build.Zone("cold")], [Build.Workload("a", "hot", cpu: 6_000), Build.Workload("b", "hot", cpu: 3_000)], [freeze]);

        RebalancePlan plan = Build.Strategy().Plan(snapshot);

        Assert.That(plan.Moves, Is.Empty);
        Assert.That(plan.Notes.Select(n => n.Code), Does.Contain(ReasonCodes.FreezeWindowActive));
    }

    [Test]
    public void Plan_PlanBudget_StopsAtBudgetWithNote()
    {
        var snapshot = CloudSnapshot.Create(
            [Build.Zone("h1"), Build.Zone("h2"), Build.Zone("cold", cpu: 40_000)],
            [
                Build.Workload("a", "h1", cpu: 6_000), Build.Workload("b", "h1", cpu: 3_000),
                Build.Workload("c", "h2", cpu: 6_000), Build.Workload("d", "h2", cpu: 3_000),
            ]);

        RebalancePlan plan = Build.Strategy(new CloudGovRebalanceOptions { MaxMovesPerPlan = 1 }).Plan(snapshot);

        Assert.That(plan.Moves, Has.Count.EqualTo(1));
        Assert.That(plan.Notes.Select(n => n.Code), Does.Contain(ReasonCodes.BudgetExhausted));
        Assert.That(plan.Notes.Select(n => n.Code), Does.Contain(ReasonCodes.ZoneStillHot));
    }

    [Test]
    public void Plan_SourceZoneBudget_LimitsMovesFromEachZone()
    {
        var snapshot = CloudSnapshot.Create(
            [Build.Zone("hot"), Build.Zone("cold", cpu: 40_000)],
            [.. Enumerable.Range(0, 10).Select(i => Build.Workload($"w{i}", "hot", cpu: 1_000))]);

        RebalancePlan plan = Build.Strategy(new CloudGovRebalanceOptions { MaxMovesPerSourceZone = 1 }).Plan(snapshot);

        Assert.That(plan.Moves, Has.Count.EqualTo(1));
        Assert.That(plan.HotZonesAfter, Is.EqualTo(1));
    }

    [Test]
    public void Plan_TenantBudget_SpreadsMovesOverTenants()
    {
        var snapshot = CloudSnapshot.Create(
            [Build.Zone("hot"), Build.Zone("cold", cpu: 40_000)],
            [
                Build.Workload("a1", "hot", cpu: 1_500, tenant: "dept-a"), Build.Workload("a2", "hot", cpu: 1_500, tenant: "dept-a"),
                Build.Workload("b1", "hot", cpu: 1_000, tenant: "dept-b"), Build.Workload("b2", "hot", cpu: 1_000, tenant: "dept-b"),
                Build.Workload("c1", "hot", cpu: 5_000, tenant: "dept-c", movable: false),
            ]);

        RebalancePlan plan = Build.Strategy(new CloudGovRebalanceOptions { MaxMovesPerTenant = 1 }).Plan(snapshot);

        Assert.That(plan.Moves.GroupBy(m => m.TenantId).Select(g => g.Count()), Is.All.EqualTo(1));
        Assert.That(plan.HotZonesAfter, Is.Zero);
    }

    [Test]
    public void Plan_DrainingZone_EvacuatesMovableWorkloads()
    {
        var snapshot = CloudSnapshot.Create(
            [Build.Zone("old", status: ZoneStatus.Draining), Build.Zone("new")],
            [Build.Workload("a", "old"), Build.Workload("b", "old"), Build.Workload("p", "old", movable: false)]);

        RebalancePlan plan = Build.Strategy().Plan(snapshot);

        Assert.That(plan.Moves.Select(m => m.WorkloadId), Is.EquivalentTo(new[] { "a", "b" }));
        Assert.That(plan.Moves.Select(m => m.Reason.Code), Is.All.EqualTo(ReasonCodes.ZoneDraining));
    }

    [Test]
    public void Plan_WorkloadBreaksLevelInsideItsCooldown_RelocatedAnywayAndTheValidatorAgrees()
    {
        var snapshot = CloudSnapshot.Create(
            [Build.Zone("l2", level: MlpsLevel.Level2), Build.Zone("l3", level: MlpsLevel.Level3)],
            [Build.Workload("sys", "l2", level: MlpsLevel.Level3, lastMoved: Build.Now.AddMinutes(-5))]);

        RebalancePlan plan = Build.Strategy().Plan(snapshot);

        Assert.That(plan.Moves.Single().ToZoneId, Is.EqualTo("l3"), "a broken hard constraint does not wait for the cooldown");
        Assert.That(PlanValidator.Validate(snapshot, plan.Moves, Build.Filters(), Build.Now, TimeSpan.FromHours(6)), Is.Empty);
        var balanceMove = plan.Moves.Single() with { Reason = new Reason(ReasonCodes.ZoneOverTarget, "x", "x") };
        Assert.That(PlanValidator.Validate(snapshot, [balanceMove], Build.Filters(), Build.Now, TimeSpan.FromHours(6)), Has.One.Contains("cooldown"));
    }

    [Test]
    public void Plan_WorkloadBreaksLevel_RelocatedToCertifiedZone()
    {
        var snapshot = CloudSnapshot.Create(
            [Build.Zone("l2", level: MlpsLevel.Level2), Build.Zone("l3", level: MlpsLevel.Level3)],
            [Build.Workload("sys", "l2", level: MlpsLevel.Level3)]);

        RebalancePlan plan = Build.Strategy().Plan(snapshot);

        Assert.That(plan.Moves.Single().ToZoneId, Is.EqualTo("l3"));
        Assert.That(plan.Moves.Single().Reason.Code, Is.EqualTo(ReasonCodes.PlacementViolation));
        Assert.That(plan.Moves.Single().Reason.Chinese, Does.Contain("第2级"));
    }

    [Test]
    public void Plan_NoFeasibleDestination_StaysHotWithNote()
    {
        var snapshot = CloudSnapshot.Create(
            [Build.Zone("hot"), Build.Zone("other-plane", plane: NetworkPlane.Internet), Build.Zone("full")],
            [Build.Workload("a", "hot", cpu: 9_000), Build.Workload("f", "full", cpu: 7_500)]);

        RebalancePlan plan = Build.Strategy().Plan(snapshot);

        Assert.That(plan.Moves, Is.Empty);
        Reason note = plan.Notes.Single();
        Assert.That(note.Code, Is.EqualTo(ReasonCodes.ZoneStillHot));
        Assert.That(note.English, Does.Contain("hot"));
        Assert.That(note.Chinese, Does.Contain("仍高于目标"));
    }

    [Test]
    public void Plan_DestinationWouldExceedItsTarget_NotUsed()
    {
        var snapshot = CloudSnapshot.Create(
            [Build.Zone("hot"), Build.Zone("nearly-full"), Build.Zone("roomy")],
            [Build.Workload("a", "hot", cpu: 6_000), Build.Workload("b", "hot", cpu: 3_000), Build.Workload("n", "nearly-full", cpu: 5_500), Build.Workload("r", "roomy", cpu: 4_000)]);

        RebalancePlan plan = Build.Strategy().Plan(snapshot);

        Assert.That(plan.Moves.Single().ToZoneId, Is.EqualTo("roomy"));
        Assert.That(plan.Zones.All(z => !z.HotAfter), Is.True);
    }

    [Test]
    public void Plan_ZoneFarAboveMean_BalanceMoveWithReason()
    {
        var snapshot = CloudSnapshot.Create(
            [Build.Zone("busy"), Build.Zone("idle-1"), Build.Zone("idle-2")],
            [Build.Workload("a", "busy", cpu: 4_000), Build.Workload("b", "busy", cpu: 3_500)]);

        RebalancePlan plan = Build.Strategy(new CloudGovRebalanceOptions { BalanceTolerance = 0.3 }).Plan(snapshot);
        RebalancePlan off = Build.Strategy(new CloudGovRebalanceOptions { BalanceTolerance = 1.0 }).Plan(snapshot);

        Assert.That(plan.Moves, Is.Not.Empty);
        Assert.That(plan.Moves.Select(m => m.Reason.Code), Is.All.EqualTo(ReasonCodes.ImbalanceReduction));
        Assert.That(plan.BalanceIndexAfter, Is.GreaterThan(plan.BalanceIndexBefore));
        Assert.That(off.Moves, Is.Empty);
    }

    [Test]
    public void Plan_SameInputTwice_IdenticalPlans()
    {
        CloudSnapshot snapshot = Benchmarks.InstanceGenerator.Generate(300, 12, seed: 5);

        RebalancePlan first = Build.Strategy().Plan(snapshot);
        RebalancePlan second = Build.Strategy().Plan(snapshot);

        Assert.That(second.Moves, Is.EqualTo(first.Moves));
    }

    [Test]
    public void Plan_RunOnResult_ProposesNothing()
    {
        var snapshot = HotAndCold(Build.Workload("a", "hot", cpu: 6_000), Build.Workload("b", "hot", cpu: 3_000));
        RebalancePlan plan = Build.Strategy().Plan(snapshot);

        RebalancePlan again = Build.Strategy().Plan(snapshot.Apply(plan.Moves, Build.Now));

        Assert.That(plan.Moves, Is.Not.Empty);
        Assert.That(again.Moves, Is.Empty);
    }
}
