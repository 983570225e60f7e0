using CloudGov.Domain;
using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Rebalancing;
using CloudGov.Scheduling.Rebalancing.CloudGovStrategy;
using CloudGov.Scheduling.Tests.Support;

namespace CloudGov.Scheduling.Tests.Rebalancing;

/// <summary>Each phase of the CloudGov strategy on hand-made cases (zones of 10 cores, target 0.8: hot above 8,000m).</summary>
public sealed class CloudGovPhaseTests
{
    [Test]
    public void Balance_FullButUnderTargetHighTier_NoMoves()
    {
        // Level-4 zones at 78 % and 60 %, empty level-2 zones: the cloud mean (35 %) would put the 78 % zone far above
        // it, but level-4 workloads may only use level-4 zones, whose mean is 69 %.
        CloudSnapshot snapshot = CloudSnapshot.Create(
            [Build.Zone("l4-a", level: MlpsLevel.Level4), Build.Zone("l4-b", level: MlpsLevel.Level4), Build.Zone("l2-a", level: MlpsLevel.Level2), Build.Zone("l2-b", level: MlpsLevel.Level2)],
            [
                Build.Workload("a1", "l4-a", cpu: 3_900, level: MlpsLevel.Level4), Build.Workload("a2", "l4-a", cpu: 3_900, level: MlpsLevel.Level4),
                Build.Workload("b1", "l4-b", cpu: 3_000, level: MlpsLevel.Level4), Build.Workload("b2", "l4-b", cpu: 3_000, level: MlpsLevel.Level4),
            ]);

        RebalancePlan plan = Build.Strategy(new CloudGovRebalanceOptions { BalanceTolerance = 0.15 }).Plan(snapshot);

        Assert.That(plan.Moves, Is.Empty);
    }

    [Test]
    public void Balance_LowLevelWorkloadInHighTier_MovesToTheEmptyLowTier()
    {
        CloudSnapshot snapshot = CloudSnapshot.Create(
            [Build.Zone("l4-a", level: MlpsLevel.Level4), Build.Zone("l2-a", level: MlpsLevel.Level2)],
            [Build.Workload("high", "l4-a", cpu: 4_000, level: MlpsLevel.Level4), Build.Workload("low", "l4-a", cpu: 3_500, level: MlpsLevel.Level2)]);

        RebalancePlan plan = Build.Strategy(new CloudGovRebalanceOptions { BalanceTolerance = 0.3 }).Plan(snapshot);

        Assert.That(plan.Moves.Select(m => (m.WorkloadId, m.ToZoneId, m.Reason.Code)), Is.EqualTo(new[] { ("low", "l2-a", ReasonCodes.ImbalanceReduction) }));
        Assert.That(plan.Moves[0].Reason.English, Does.Contain("zones this workload may use"));
    }

    [Test]
    public void Balance_GainBelowThreshold_NoMove()
    {
        CloudSnapshot snapshot = CloudSnapshot.Create(
            [Build.Zone("busy"), Build.Zone("idle")],
            [Build.Workload("big", "busy", cpu: 7_000, mem: 10, storage: 1, movable: false), Build.Workload("tiny", "busy", cpu: 50, mem: 10, storage: 1)]);

        RebalancePlan strict = Build.Strategy(new CloudGovRebalanceOptions { BalanceTolerance = 0.3, MinBalanceGain = 0.01 }).Plan(snapshot);
        RebalancePlan lax = Build.Strategy(new CloudGovRebalanceOptions { BalanceTolerance = 0.3, MinBalanceGain = 0 }).Plan(snapshot);

        Assert.That(strict.Moves, Is.Empty, "moving 0.5 % of a zone is not worth a migration");
        Assert.That(lax.Moves, Has.Count.EqualTo(1));
    }

    [Test]
    public void MakeRoom_HotWorkloadFitsOnlyOnceAWarmZoneGivesOneUp_ChainOfTwo()
    {
        CloudSnapshot snapshot = CloudSnapshot.Create(
            [Build.Zone("hot"), Build.Zone("warm"), Build.Zone("spare")],
            [
                Build.Workload("h", "hot", cpu: 5_000), Build.Workload("hp", "hot", cpu: 4_000, movable: false),
                Build.Workload("m", "warm", cpu: 3_000), Build.Workload("wp", "warm", cpu: 2_000, movable: false),
                Build.Workload("sp", "spare", cpu: 4_500, movable: false),
            ]);

        RebalancePlan plan = Build.Strategy(new CloudGovRebalanceOptions { BalanceTolerance = 1.0 }).Plan(snapshot);
        RebalancePlan without = Build.Strategy(new CloudGovRebalanceOptions { BalanceTolerance = 1.0, MakeRoom = false }).Plan(snapshot);

        Assert.Multiple(() =>
        {
            Assert.That(plan.Moves.Select(m => (m.WorkloadId, m.FromZoneId, m.ToZoneId, m.Reason.Code)), Is.EqualTo(new[]
            {
                ("m", "warm", "spare", ReasonCodes.MakeRoom),
                ("h", "hot", "warm", ReasonCodes.ZoneOverTarget),
            }));
            Assert.That(plan.HotZonesAfter, Is.Zero);
            Assert.That(PlanValidator.Validate(snapshot, plan.Moves, Build.Filters(), Build.Now, TimeSpan.FromHours(6)), Is.Empty);
            Assert.That(plan.Moves[0].Reason.Chinese, Does.Contain("腾出空间"));
            Assert.That(without.Moves, Is.Empty, "without make-room the zone cannot cool, so no move is planned");
            Assert.That(Build.Strategy(new CloudGovRebalanceOptions { BalanceTolerance = 1.0 }).Plan(snapshot.Apply(plan.Moves, Build.Now)).Moves, Is.Empty);
        });
    }

    [Test]
    public void ChainedCover_OnlyCoverNeedsTwoEvictions_ThreeMovesNotTenSmallOnes()
    {
        // "hot" is 1,500m over; "h" (1,500m) clears it alone but fits nowhere (the most room is "warm"'s 800m), and no
        // single workload of "warm" frees the 700m more it needs. Cooling's direct cover and greedy loop move the ten
        // 150m workloads instead (10 moves); the chained cover moves two of "warm"'s 400m workloads to the spare zones
        // and "h" into "warm": 3 moves.
        CloudSnapshot snapshot = CloudSnapshot.Create(
            [Build.Zone("hot"), Build.Zone("warm"), Build.Zone("sp1"), Build.Zone("sp2")],
            [
                Build.Workload("h", "hot", cpu: 1_500), Build.Workload("hp", "hot", cpu: 6_500, movable: false),
                .. Enumerable.Range(1, 10).Select(i => Build.Workload($"s{i}", "hot", cpu: 150)),
                Build.Workload("m1", "warm", cpu: 400), Build.Workload("m2", "warm", cpu: 400), Build.Workload("m3", "warm", cpu: 400),
                Build.Workload("wp", "warm", cpu: 6_000, movable: false),
                Build.Workload("p1", "sp1", cpu: 7_500, movable: false), Build.Workload("p2", "sp2", cpu: 7_500, movable: false),
            ]);
        var options = new CloudGovRebalanceOptions { BalanceTolerance = 1.0 };

        RebalancePlan plan = Build.Strategy(options).Plan(snapshot);
        RebalancePlan noExchange = Build.Strategy(new CloudGovRebalanceOptions { BalanceTolerance = 1.0, Exchange = false }).Plan(snapshot);

        Assert.Multiple(() =>
        {
            Assert.That(plan.HotZonesAfter, Is.Zero);
            Assert.That(plan.Moves.Select(m => (m.WorkloadId, m.FromZoneId, m.ToZoneId, m.Reason.Code)), Is.EquivalentTo(new[]
            {
                ("m1", "warm", "sp1", ReasonCodes.MakeRoom),
                ("m2", "warm", "sp2", ReasonCodes.MakeRoom),
                ("h", "hot", "warm", ReasonCodes.ZoneOverTarget),
            }));
            Assert.That(noExchange.Moves, Has.Count.EqualTo(3), "cooling finds it, not the exchange pass");
            Assert.That(PlanValidator.Validate(snapshot, plan.Moves, Build.Filters(), Build.Now, TimeSpan.FromHours(6)), Is.Empty);
            Assert.That(Build.Strategy(options).Plan(snapshot.Apply(plan.Moves, Build.Now)).Moves, Is.Empty);
        });
    }

    [Test]
    public void MakeRoom_WarmZoneIsOneThisPlanCooled_ChainThroughItAndSecondRunEmpty()
    {
        // "hot2" (90 %) cools first by sending one 3,000m workload to "spare"; "hot1" (85 %) can then cool only by
        // moving "m" out of the now-cooled "hot2" to "spare" and "h" into "hot2". A zone cooled in this plan is a
        // valid warm zone, so the first run finds the chain instead of leaving it to a second run.
        CloudSnapshot snapshot = CloudSnapshot.Create(
            [Build.Zone("hot1"), Build.Zone("hot2"), Build.Zone("spare")],
            [
                Build.Workload("h", "hot1", cpu: 5_000), Build.Workload("hp", "hot1", cpu: 3_500, movable: false),
                Build.Workload("c", "hot2", cpu: 3_000), Build.Workload("m", "hot2", cpu: 3_000), Build.Workload("wp", "hot2", cpu: 3_000, movable: false),
                Build.Workload("sp", "spare", cpu: 2_000, movable: false),
            ]);
        var options = new CloudGovRebalanceOptions { BalanceTolerance = 1.0 };

        RebalancePlan plan = Build.Strategy(options).Plan(snapshot);

        Assert.Multiple(() =>
        {
            Assert.That(plan.HotZonesBefore, Is.EqualTo(2));
            Assert.That(plan.HotZonesAfter, Is.Zero);
            Assert.That(plan.Moves.Select(m => (m.WorkloadId, m.ToZoneId, m.Reason.Code)), Does.Contain(("h", "hot2", ReasonCodes.ZoneOverTarget)));
            Assert.That(plan.Moves.Where(m => m.FromZoneId == "hot2").Select(m => m.Reason.Code), Does.Contain(ReasonCodes.MakeRoom));
            Assert.That(PlanValidator.Validate(snapshot, plan.Moves, Build.Filters(), Build.Now, TimeSpan.FromHours(6)), Is.Empty);
            Assert.That(Build.Strategy(options).Plan(snapshot.Apply(plan.Moves, Build.Now)).Moves, Is.Empty);
        });
    }

    [Test]
    public void Exchange_EarlierZoneTookTheOnlyRoomForALargeWorkload_RerouteGivesFewerMoves()
    {
        // "za" (95 %) cools first: its 2,000m workload goes to the emptiest zone "d1", the only one with room for "zb"'s
        // 4,000m workload; "zb" (90 %) then needs two 500m moves. Re-routing a1 (to "d2", or to "zb" once b1 left it)
        // lets b1 go to "d1": 2 moves, not 3.
        CloudSnapshot snapshot = CloudSnapshot.Create(
            [Build.Zone("za"), Build.Zone("zb"), Build.Zone("d1"), Build.Zone("d2")],
            [
                Build.Workload("a1", "za", cpu: 2_000), Build.Workload("ap", "za", cpu: 7_500, movable: false),
                Build.Workload("b1", "zb", cpu: 4_000), Build.Workload("bp", "zb", cpu: 3_000, movable: false),
                Build.Workload("s1", "zb", cpu: 500), Build.Workload("s2", "zb", cpu: 500), Build.Workload("s3", "zb", cpu: 500), Build.Workload("s4", "zb", cpu: 500),
                Build.Workload("d1p", "d1", cpu: 3_500, movable: false), Build.Workload("d2p", "d2", cpu: 5_500, movable: false),
            ]);
        var options = new CloudGovRebalanceOptions { BalanceTolerance = 1.0 };

        RebalancePlan plan = Build.Strategy(options).Plan(snapshot);
        RebalancePlan without = Build.Strategy(new CloudGovRebalanceOptions { BalanceTolerance = 1.0, Exchange = false }).Plan(snapshot);

        Assert.Multiple(() =>
        {
            Assert.That(without.Moves, Has.Count.EqualTo(3), "the greedy order alone");
            Assert.That(plan.Moves, Has.Count.EqualTo(2));
            Assert.That(plan.Moves.Select(m => (m.WorkloadId, m.ToZoneId)), Does.Contain(("b1", "d1")));
            Assert.That(plan.Moves.Single(m => m.WorkloadId == "a1").ToZoneId, Is.Not.EqualTo("d1"));
            Assert.That(plan.Moves.Select(m => m.Reason.Code), Is.All.EqualTo(ReasonCodes.ZoneOverTarget));
            AssertCooledValidAndSettled(snapshot, plan, options);
        });
    }

    [Test]
    public void Exchange_ReroutedWorkloadNeedsTwoEvictions_MakeRoomRowBeforeIt()
    {
        // As above, but the re-routed a1 (3,000m, level 3, only county 450102 — not "zb") fits nowhere directly: two
        // 1,000m workloads leave "d2" first (for "d3" or the cooled "zb"). 4 moves instead of 5 (a1 to d1 and four of zb's
        // 250m workloads).
        CloudSnapshot snapshot = CloudSnapshot.Create(
            [Build.Zone("za"), Build.Zone("zb", region: "450103"), Build.Zone("d1"), Build.Zone("d2"), Build.Zone("d3", level: MlpsLevel.Level2)],
            [
                Build.Workload("a1", "za", cpu: 3_000, level: MlpsLevel.Level3, regions: ["450102"]), Build.Workload("ap", "za", cpu: 6_500, movable: false),
                Build.Workload("b1", "zb", cpu: 4_000, level: MlpsLevel.Level3), Build.Workload("bp", "zb", cpu: 3_000, movable: false),
                .. Enumerable.Range(1, 8).Select(i => Build.Workload($"s{i}", "zb", cpu: 250)),
                Build.Workload("d1p", "d1", cpu: 3_500, movable: false),
                Build.Workload("m1", "d2", cpu: 1_000), Build.Workload("m2", "d2", cpu: 1_000), Build.Workload("d2p", "d2", cpu: 4_500, movable: false),
                Build.Workload("d3p", "d3", cpu: 5_000, movable: false),
            ]);
        var options = new CloudGovRebalanceOptions { BalanceTolerance = 1.0 };

        RebalancePlan plan = Build.Strategy(options).Plan(snapshot);
        RebalancePlan without = Build.Strategy(new CloudGovRebalanceOptions { BalanceTolerance = 1.0, Exchange = false }).Plan(snapshot);

        Assert.Multiple(() =>
        {
            Assert.That(without.Moves, Has.Count.EqualTo(5));
            Assert.That(plan.Moves.Select(m => (m.WorkloadId, m.FromZoneId, m.Reason.Code)), Is.EqualTo(new[]
            {
                ("b1", "zb", ReasonCodes.ZoneOverTarget),
                ("m1", "d2", ReasonCodes.MakeRoom),
                ("m2", "d2", ReasonCodes.MakeRoom),
                ("a1", "za", ReasonCodes.ZoneOverTarget),
            }));
            Assert.That(plan.Moves.Select(m => m.ToZoneId), Is.EqualTo(new[] { "d1", plan.Moves[1].ToZoneId, plan.Moves[2].ToZoneId, "d2" }));
            Assert.That(plan.HotZonesAfter, Is.Zero);
            Assert.That(PlanValidator.Validate(snapshot, plan.Moves, Build.Filters(), Build.Now, TimeSpan.FromHours(6)), Is.Empty);
            RebalancePropertyTests.AssertEveryMoveContributes(snapshot, plan, Build.Filters(), options);
            Assert.That(Build.Strategy(options).Plan(snapshot.Apply(plan.Moves, Build.Now)).Moves, Is.Empty);
        });
    }

    [Test]
    public void Cooling_ZoneCanOnlyCoolPartway_NoMovesAndNoteSaysSo()
    {
        // 9,500m in "hot"; the only movable workloads are 500m each (cool by 1,000m needs both) but "cold" has room for one.
        CloudSnapshot snapshot = CloudSnapshot.Create(
            [Build.Zone("hot"), Build.Zone("cold")],
            [
                Build.Workload("a", "hot", cpu: 1_000), Build.Workload("b", "hot", cpu: 1_000), Build.Workload("p", "hot", cpu: 7_500, movable: false),
                Build.Workload("c", "cold", cpu: 7_000, movable: false),
            ]);
        var options = new CloudGovRebalanceOptions { BalanceTolerance = 1.0 };

        RebalancePlan plan = Build.Strategy(options).Plan(snapshot);
        RebalancePlan partial = Build.Strategy(new CloudGovRebalanceOptions { BalanceTolerance = 1.0, KeepPartialCooling = true }).Plan(snapshot);

        Assert.Multiple(() =>
        {
            Assert.That(plan.Moves, Is.Empty, "one move leaves the zone hot: the same outcome as no plan");
            Reason note = plan.Notes.Single(n => n.Code == ReasonCodes.ZoneStillHot);
            Assert.That(note.English, Does.Contain("none is planned"));
            Assert.That(partial.Moves, Has.Count.EqualTo(1));
            Assert.That(partial.Notes.Single(n => n.Code == ReasonCodes.ZoneStillHot).English, Does.Contain("KeepPartialCooling"));
        });
    }

    [Test]
    public void Cooling_DirectMovesCoverAsMuchAsChains_NineDirectMovesNotChains()
    {
        // "hot" is 8,100m over. Its nine 1,000m workloads may only use county 450102, where "warm" has 500m of room: each
        // needs a make-room chain (two moves). Its nine 900m workloads may go to "spare" directly; eight of them are not
        // enough, so the exact cover (at most eight) finds nothing and the greedy loop decides. Taking the larger ones
        // first through chains costs 17 moves (and the chained cover 10); the nine direct ones cool it with 9.
        CloudSnapshot snapshot = CloudSnapshot.Create(
            [Build.Zone("hot", cpu: 100_000, mem: 400_000), Build.Zone("warm", cpu: 100_000, mem: 400_000), Build.Zone("spare", region: "450103", cpu: 100_000, mem: 400_000)],
            [
                Build.Workload("hot-pinned", "hot", cpu: 71_000, movable: false),
                .. Enumerable.Range(1, 9).Select(i => Build.Workload($"l{i}", "hot", cpu: 1_000, regions: ["450102"])),
                .. Enumerable.Range(1, 9).Select(i => Build.Workload($"d{i}", "hot", cpu: 900)),
                Build.Workload("warm-pinned", "warm", cpu: 70_500, movable: false),
                .. Enumerable.Range(1, 9).Select(i => Build.Workload($"m{i}", "warm", cpu: 1_000)),
            ]);
        var options = new CloudGovRebalanceOptions { BalanceTolerance = 1.0 };

        RebalancePlan plan = Build.Strategy(options).Plan(snapshot);

        Assert.Multiple(() =>
        {
            Assert.That(plan.Moves.Select(m => m.WorkloadId), Is.EquivalentTo(Enumerable.Range(1, 9).Select(i => $"d{i}")));
            Assert.That(plan.Moves.Select(m => m.ToZoneId).Distinct(), Is.EqualTo(new[] { "spare" }));
            AssertCooledValidAndSettled(snapshot, plan, options);
        });
    }

    [Test]
    public void Cooling_EquallySmallCovers_TheWideMemberLeavesTheCityRoomToALockedOne()
    {
        // County 450102 has one zone with room, "zw" (1,000m). "za" (88 %) is cooled first and may send either of two
        // 900m workloads: "a-local" may only stay in 450102, "a-wide" may go anywhere ("far1", "far2"). "zb" (84.5 %) is
        // cooled with "b-local" alone, which also may only use 450102, or with its three 150m workloads. Sending
        // "a-local" (the cheaper) into "zw" leaves "zb" four moves in all; sending "a-wide" away leaves "zw" to "b-local": 2.
        CloudSnapshot snapshot = CloudSnapshot.Create(
            [Build.Zone("za"), Build.Zone("zb"), Build.Zone("zw"), Build.Zone("far1", region: "450103"), Build.Zone("far2", region: "450103")],
            [
                Build.Workload("a-pinned", "za", cpu: 7_000, movable: false),
                Build.Workload("a-local", "za", cpu: 900, cost: 0.95, regions: ["450102"]),
                Build.Workload("a-wide", "za", cpu: 900),
                Build.Workload("b-pinned", "zb", cpu: 7_200, movable: false),
                Build.Workload("b-local", "zb", cpu: 800, regions: ["450102"]),
                .. Enumerable.Range(1, 3).Select(i => Build.Workload($"b-wide{i}", "zb", cpu: 150)),
                Build.Workload("w-pinned", "zw", cpu: 7_000, movable: false),
                Build.Workload("far1-pinned", "far1", cpu: 7_000, movable: false),
                Build.Workload("far2-pinned", "far2", cpu: 7_000, movable: false),
            ]);
        var options = new CloudGovRebalanceOptions { BalanceTolerance = 1.0 };

        RebalancePlan plan = Build.Strategy(options).Plan(snapshot);

        Assert.Multiple(() =>
        {
            Assert.That(plan.Moves.Select(m => m.WorkloadId), Is.EquivalentTo(new[] { "a-wide", "b-local" }));
            Assert.That(plan.Moves.Single(m => m.WorkloadId == "b-local").ToZoneId, Is.EqualTo("zw"));
            AssertCooledValidAndSettled(snapshot, plan, options);
        });
    }

    /// <summary>Every zone cooled, no move breaks a rule or its make-before-break order, each contributes, and a second run proposes nothing.</summary>
    private static void AssertCooledValidAndSettled(CloudSnapshot snapshot, RebalancePlan plan, CloudGovRebalanceOptions options)
    {
        Assert.That(plan.HotZonesAfter, Is.Zero);
        Assert.That(PlanValidator.Validate(snapshot, plan.Moves, Build.Filters(), Build.Now, TimeSpan.FromHours(6)), Is.Empty);
        RebalancePropertyTests.AssertEveryMoveContributes(snapshot, plan, Build.Filters(), options);
        Assert.That(Build.Strategy(options).Plan(snapshot.Apply(plan.Moves, Build.Now)).Moves, Is.Empty);
    }

    [Test]
    public void Cooling_RoomForEitherTheMostOverZoneOrTwoLesserOnes_TwoCooled()
    {
        // "warm" has 2,000m of room below its target and is the only zone with any. Cooling the most-over zone first ("za":
        // 1,500m out) leaves 500m, too little for "zb" or "zc" (950m each): two zones left hot. Both lesser ones fit.
        CloudSnapshot snapshot = CloudSnapshot.Create(
            [Build.Zone("za"), Build.Zone("zb"), Build.Zone("zc"), Build.Zone("warm")],
            [
                Build.Workload("a-pinned", "za", cpu: 8_000, movable: false), Build.Workload("a1", "za", cpu: 1_500),
                Build.Workload("b-pinned", "zb", cpu: 7_950, movable: false), Build.Workload("b1", "zb", cpu: 950),
                Build.Workload("c-pinned", "zc", cpu: 7_950, movable: false), Build.Workload("c1", "zc", cpu: 950),
                Build.Workload("w-pinned", "warm", cpu: 6_000, movable: false),
            ]);

        RebalancePlan plan = Build.Strategy(new CloudGovRebalanceOptions { BalanceTolerance = 1.0 }).Plan(snapshot);

        Assert.That(plan.Moves.Select(m => (m.WorkloadId, m.ToZoneId)), Is.EquivalentTo(new[] { ("b1", "warm"), ("c1", "warm") }));
        Assert.That(plan.HotZonesAfter, Is.EqualTo(1), "only \"za\" stays hot");
        Assert.That(plan.Notes.Single(n => n.Code == ReasonCodes.ZoneStillHot).English, Does.Contain("za"));
    }

    [Test]
    public void Required_DrainingZoneWithOnlyPinnedWorkloads_Note()
    {
        CloudSnapshot snapshot = CloudSnapshot.Create(
            [Build.Zone("old", status: ZoneStatus.Draining), Build.Zone("new")],
            [Build.Workload("p1", "old", movable: false), Build.Workload("p2", "old", movable: false)]);

        RebalancePlan plan = Build.Strategy().Plan(snapshot);

        Assert.That(plan.Moves, Is.Empty);
        Reason note = plan.Notes.Single();
        Assert.That(note.Code, Is.EqualTo(ReasonCodes.ZoneDraining));
        Assert.That(note.English, Does.Contain("old").And.Contain("2 pinned"));
        Assert.That(note.Chinese, Does.Contain("腾空"));
    }

    [Test]
    public void Pruning_EarlierSmallMoveMadeRedundantByLargerOne_Dropped()
    {
        // The greedy loop takes the one covering most first; the exact cover finds the single 2,000m workload.
        CloudSnapshot snapshot = CloudSnapshot.Create(
            [Build.Zone("hot"), Build.Zone("cold", cpu: 40_000)],
            [Build.Workload("a", "hot", cpu: 1_200), Build.Workload("b", "hot", cpu: 2_000), Build.Workload("p", "hot", cpu: 6_500, movable: false)]);

        RebalancePlan plan = Build.Strategy(new CloudGovRebalanceOptions { BalanceTolerance = 1.0 }).Plan(snapshot);

        Assert.That(plan.Moves.Select(m => m.WorkloadId), Is.EqualTo(new[] { "b" }));
    }

    [Test]
    public void CoverSearch_SmallestThenCheapest_SkipsUnusable()
    {
        ResourceVector excess = new(3_000, 0, 0);
        ResourceVector alloc = new(10_000, 10_000, 10_000);
        ResourceVector[] requests = [new(3_000, 0, 0), new(1_500, 0, 0), new(1_500, 0, 0), new(3_500, 0, 0), new(2_000, 0, 0)];
        double[] costs = [5, 1, 1, 2, 3];

        int[] cover = CoverSearch.Smallest(excess, alloc, requests, costs, i => true);
        int[] withoutCheapSingle = CoverSearch.Smallest(excess, alloc, requests, costs, i => i is not 3 and not 0);

        Assert.That(cover, Is.EqualTo(new[] { 3 }), "one workload, the cheaper of the two that clear it alone");
        Assert.That(withoutCheapSingle.Order(), Is.EqualTo(new[] { 1, 2 }), "two workloads, cheapest pair");
        Assert.That(CoverSearch.Smallest(excess, alloc, requests, costs, i => false), Is.Empty);
    }

    [Test]
    public void CoverSearch_CountingScans_SameCoverWithinBudgetNoneBelowIt()
    {
        ResourceVector excess = new(3_000, 0, 0);
        ResourceVector alloc = new(10_000, 10_000, 10_000);
        ResourceVector[] requests = [new(1_000, 0, 0), new(1_000, 0, 0), new(1_000, 0, 0), new(500, 0, 0), new(2_000, 0, 0)];
        double[] costs = [1, 1, 1, 1, 3];

        int[] unbounded = CoverSearch.Smallest(excess, alloc, requests, costs, i => true);
        int[] counted = CoverSearch.Smallest(excess, alloc, requests, costs, i => true, out int work, nodeBudget: 1_000, countScans: true);
        int[] starved = CoverSearch.Smallest(excess, alloc, requests, costs, i => true, out int starvedWork, nodeBudget: requests.Length, countScans: true);

        Assert.Multiple(() =>
        {
            Assert.That(counted.Order(), Is.EqualTo(unbounded.Order()), "a budget the search fits in changes nothing");
            Assert.That(work, Is.GreaterThan(requests.Length).And.LessThanOrEqualTo(1_000), "the ordering pass and every scan step are counted");
            Assert.That(starved, Is.Empty, "a budget spent on the ordering pass finds nothing");
            Assert.That(starvedWork, Is.LessThanOrEqualTo(requests.Length + 1));
        });
    }
}
