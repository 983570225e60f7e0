using CloudGov.Domain;
using CloudGov.Scheduling.Benchmarks;
using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Rebalancing;
using CloudGov.Scheduling.Tests.Support;

namespace CloudGov.Scheduling.Tests.Rebalancing;

/// <summary>
/// Invariants of the CloudGov strategy over random seeded instances (the benchmark's generator at small sizes),
/// with random budgets, cooldowns, a draining zone and freeze windows mixed in.
/// </summary>
public sealed class RebalancePropertyTests
{
    private static readonly TimeSpan Cooldown = TimeSpan.FromHours(6);

    public static IEnumerable<TestCaseData> Cases()
    {
        for (int seed = 1; seed <= 100; seed++)
        {
            yield return new TestCaseData(seed).SetName($"Plan_RandomInstance{seed:D2}_InvariantsHold");
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Plan_RandomInstance_InvariantsHold(int seed)
    {
        var rng = new Random(seed);
        (CloudSnapshot snapshot, CloudGovRebalanceOptions options) = RandomCase(seed, rng);
        FilterPipeline filters = Build.Filters();
        CloudGovRebalanceStrategy strategy = Build.Strategy(options);

        RebalancePlan plan = strategy.Plan(snapshot);

        Assert.Multiple(() =>
        {
            Assert.That(PlanValidator.Validate(snapshot, plan.Moves, filters, Build.Now, Cooldown), Is.Empty, "no violation");
            AssertEveryMoveContributes(snapshot, plan, filters, options);
            AssertBudgetsHeld(plan, options);
            Assert.That(strategy.Plan(snapshot).Moves, Is.EqualTo(plan.Moves), "deterministic");
            Assert.That(plan.HotZonesAfter, Is.LessThanOrEqualTo(plan.HotZonesBefore), "never more hot zones");
            foreach (ZoneUtilization z in plan.Zones.Where(z => z.HotAfter && snapshot.Zone(z.ZoneId).Status == ZoneStatus.Ready))
            {
                bool explained = plan.Notes.Any(n => n.Code == ReasonCodes.FreezeWindowActive || n.English.Contains(z.ZoneId, StringComparison.Ordinal));
                Assert.That(explained, Is.True, $"zone {z.ZoneId} left hot without a note");
            }
        });

        bool budgetsBind = plan.Notes.Any(n => n.Code == ReasonCodes.BudgetExhausted) || options.MaxMovesPerTenant is not null;
        if (!budgetsBind)
        {
            RebalancePlan second = strategy.Plan(snapshot.Apply(plan.Moves, Build.Now));
            Assert.That(second.Moves, Is.Empty, "a second run on the result proposes nothing");
        }
    }

    [TestCase(3)]
    [TestCase(17)]
    public void Plan_UnconstrainedInstance_EveryZoneUnderTargetAndIdempotent(int seed)
    {
        CloudSnapshot snapshot = InstanceGenerator.Generate(400, 12, seed);
        CloudGovRebalanceStrategy strategy = Build.Strategy();

        RebalancePlan plan = strategy.Plan(snapshot);
        RebalancePlan second = strategy.Plan(snapshot.Apply(plan.Moves, Build.Now));

        Assert.That(plan.HotZonesBefore, Is.GreaterThan(0));
        Assert.That(plan.HotZonesAfter, Is.Zero);
        Assert.That(plan.PeakAfter, Is.LessThan(plan.PeakBefore));
        Assert.That(second.Moves, Is.Empty);
    }

    private static (CloudSnapshot, CloudGovRebalanceOptions) RandomCase(int seed, Random rng)
    {
        CloudSnapshot generated = InstanceGenerator.Generate(60 + rng.Next(300), 4 + rng.Next(12), seed);
        var zones = generated.Zones.ToList();
        if (rng.NextDouble() < 0.3)
        {
            int d = rng.Next(zones.Count);
            zones[d] = zones[d] with { Status = ZoneStatus.Draining };
        }

        if (rng.NextDouble() < 0.2)
        {
            int d = rng.Next(zones.Count);
            zones[d] = zones[d] with { MlpsLevel = MlpsLevel.Level2 }; // creates level violations to relocate
        }

        var workloads = generated.Workloads
            .Select(w => rng.NextDouble() < 0.2 ? w with { LastMovedAt = Build.Now.AddHours(-rng.Next(12)) } : w)
            .ToList();
        var windows = new List<FreezeWindow>();
        if (rng.NextDouble() < 0.3)
        {
            windows.Add(new FreezeWindow(Build.Now.AddHours(-1), Build.Now.AddHours(1), zones[rng.Next(zones.Count)].Id, "maintenance"));
        }

        if (rng.NextDouble() < 0.05)
        {
            windows.Add(new FreezeWindow(Build.Now.AddMinutes(-5), Build.Now.AddMinutes(5), null, "freeze"));
        }

        int? Maybe(int max) => rng.NextDouble() < 0.4 ? 1 + rng.Next(max) : null;
        int? plan = Maybe(30);
        var options = new CloudGovRebalanceOptions
        {
            MaxMovesPerPlan = plan,
            MaxMovesPerSourceZone = plan is { } p ? Math.Min(p, 1 + rng.Next(10)) : Maybe(10),
            MaxMovesPerTenant = rng.NextDouble() < 0.3 ? 1 + rng.Next(3) : null,
            Cooldown = Cooldown,
            BalanceTolerance = rng.NextDouble() < 0.5 ? 0.3 : 0.15,
        };
        return (CloudSnapshot.Create(zones, workloads, windows), options);
    }

    /// <summary>
    /// Every move contributes to an outcome the plan reaches: a cooling move leaves a zone that ends under target (and
    /// that taking the move back would leave hot), a make-room move frees the zone the next cooling move enters, a
    /// balance move lowers the squared deviations among the zones the workload may use by at least the threshold,
    /// required moves leave a draining zone or one that breaks a hard constraint.
    /// </summary>
    internal static void AssertEveryMoveContributes(CloudSnapshot snapshot, RebalancePlan plan, FilterPipeline filters, CloudGovRebalanceOptions options)
    {
        var state = new ClusterState(snapshot);
        var frozen = snapshot.FreezeWindows.Where(f => f.ZoneId is not null && f.IsActive(Build.Now)).Select(f => f.ZoneId!).ToHashSet();
        var final = new ClusterState(snapshot);
        foreach (Move move in plan.Moves)
        {
            final.Move(snapshot.IndexOfWorkload(move.WorkloadId), snapshot.IndexOfZone(move.ToZoneId));
        }

        for (int i = 0; i < plan.Moves.Count; i++)
        {
            Move move = plan.Moves[i];
            int w = snapshot.IndexOfWorkload(move.WorkloadId);
            int from = snapshot.IndexOfZone(move.FromZoneId);
            int to = snapshot.IndexOfZone(move.ToZoneId);
            ZoneSnapshot source = snapshot.Zones[from];
            switch (move.Reason.Code)
            {
                case ReasonCodes.ZoneOverTarget:
                    Assert.That(UtilizationMath.IsHot(source, state.LoadOf(from)), Is.True, $"{move.WorkloadId}: source not over target when moved");
                    if (!options.KeepPartialCooling)
                    {
                        Assert.That(UtilizationMath.IsHot(source, final.LoadOf(from)), Is.False, $"{move.WorkloadId}: futile, zone {source.Id} stays hot");
                    }

                    break;
                case ReasonCodes.MakeRoom:
                    int after = i + 1;
                    while (after < plan.Moves.Count && plan.Moves[after].Reason.Code == ReasonCodes.MakeRoom && plan.Moves[after].FromZoneId == move.FromZoneId)
                    {
                        after++; // several workloads may make room together; the move they make room for follows them
                    }

                    Move? next = after < plan.Moves.Count ? plan.Moves[after] : null;
                    Assert.That(next?.ToZoneId, Is.EqualTo(move.FromZoneId), $"{move.WorkloadId}: make-room move not followed by a move into the freed zone");
                    Assert.That(next?.Reason.Code, Is.EqualTo(ReasonCodes.ZoneOverTarget));
                    break;
                case ReasonCodes.ZoneDraining:
                    Assert.That(source.Status, Is.EqualTo(ZoneStatus.Draining));
                    break;
                case ReasonCodes.PlacementViolation:
                    Assert.That(
                        snapshot.Workloads[w].RequiredLevel > source.MlpsLevel
                        || !RegionCodes.Allows(snapshot.Workloads[w].AllowedRegions, source.RegionCode)
                        || snapshot.Workloads[w].NetworkPlane != source.NetworkPlane,
                        Is.True,
                        $"{move.WorkloadId}: no constraint broken at the source");
                    break;
                case ReasonCodes.ImbalanceReduction:
                    int[] pool = [.. Enumerable.Range(0, snapshot.Zones.Count).Where(z =>
                        !frozen.Contains(snapshot.Zones[z].Id) && !snapshot.Zones[z].Allocatable.IsZero
                        && filters.AdmitsStatic(new FilterContext(snapshot.Workloads[w], z, snapshot.Zones[z], state, true)))];
                    double before = Deviations(state, pool);
                    state.Move(w, to);
                    Assert.That(before - Deviations(state, pool), Is.GreaterThanOrEqualTo(options.MinBalanceGain - 1e-9), $"{move.WorkloadId}: balance move gains less than the threshold among the zones it may use");
                    state.Move(w, from);
                    break;
                default:
                    Assert.Fail($"unexpected reason {move.Reason.Code}");
                    break;
            }

            Assert.That(move.Reason.English, Is.Not.Empty);
            Assert.That(move.Reason.Chinese, Is.Not.Empty);
            Assert.That(UtilizationMath.IsHot(snapshot.Zones[to], state.LoadOf(to) + snapshot.Workloads[w].Requests), Is.False, "destination stays under target");
            state.Move(w, to);
        }
    }

    private static double Deviations(ClusterState state, int[] pool)
    {
        double[] u = [.. pool.Select(state.DominantUtilization)];
        double mean = u.Average();
        return u.Sum(x => (x - mean) * (x - mean));
    }

    private static void AssertBudgetsHeld(RebalancePlan plan, CloudGovRebalanceOptions options)
    {
        if (options.MaxMovesPerPlan is { } p)
        {
            Assert.That(plan.Moves, Has.Count.LessThanOrEqualTo(p), "plan budget");
        }

        if (options.MaxMovesPerSourceZone is { } z)
        {
            Assert.That(plan.Moves.GroupBy(m => m.FromZoneId).Select(g => g.Count()), Is.All.LessThanOrEqualTo(z), "source-zone budget");
        }

        if (options.MaxMovesPerTenant is { } t)
        {
            Assert.That(plan.Moves.GroupBy(m => m.TenantId).Select(g => g.Count()), Is.All.LessThanOrEqualTo(t), "tenant budget");
        }
    }
}
