using CloudGov.Domain;
using CloudGov.Scheduling.Benchmarks;
using CloudGov.Scheduling.Benchmarks.Reference;
using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Rebalancing;
using CloudGov.Scheduling.Tests.Support;

namespace CloudGov.Scheduling.Tests.Baselines;

public sealed class ReferenceTests
{
    [Test]
    public void Solve_HandMadeCase_FindsKnownOptimumAndBoundAgrees()
    {
        // Excess 2,500m: no single workload covers it, two 1,500m ones do.
        var snapshot = CloudSnapshot.Create(
            [Build.Zone("hot"), Build.Zone("cold")],
            [Build.Workload("a", "hot", cpu: 1_500), Build.Workload("b", "hot", cpu: 1_500), Build.Workload("c", "hot", cpu: 1_000), Build.Workload("d", "hot", cpu: 1_000),
             Build.Workload("e", "hot", cpu: 1_000), Build.Workload("f", "hot", cpu: 1_000), Build.Workload("g", "hot", cpu: 1_000), Build.Workload("h", "hot", cpu: 1_500), Build.Workload("i", "hot", cpu: 1_000)]);
        FilterPipeline filters = Build.Filters();

        CpSatReference.Result exact = CpSatReference.Solve(snapshot, filters, null, 10, 1);
        MoveLowerBound.Result bound = MoveLowerBound.Compute(snapshot, filters, 2);

        Assert.That(exact.Optimal, Is.True);
        Assert.That(exact.Objective, Is.EqualTo(2));
        Assert.That(bound.Bound, Is.EqualTo(2));
        Assert.That(Build.Strategy().Plan(snapshot).Moves, Has.Count.EqualTo(2));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Compute_SmallInstances_BoundNotAboveOptimumNotAboveCloudGov(int seed)
    {
        CloudSnapshot snapshot = InstanceGenerator.Generate(120, 6, seed);
        FilterPipeline filters = Build.Filters();
        RebalancePlan plan = Build.Strategy().Plan(snapshot);

        CpSatReference.Result exact = CpSatReference.Solve(snapshot, filters, plan.Moves, 20, 2);
        MoveLowerBound.Result bound = MoveLowerBound.Compute(snapshot, filters, 2);

        Assume.That(exact.Optimal, Is.True, "CP-SAT proves small cases optimal");
        Assert.That(bound.Bound, Is.LessThanOrEqualTo(exact.Objective!.Value));
        if (plan.HotZonesAfter == 0)
        {
            Assert.That(exact.Objective.Value, Is.LessThanOrEqualTo(plan.Moves.Count));
        }
    }

    [Test]
    public void CityGroupBound_CityLockedWarmNeighbour_CountsTheMakeRoomMove()
    {
        // Hot zone za (9,000m of 8,000m) and warm zone zb (6,500m) share a city; every workload is locked to it. One of
        // za's workloads fits zb only after one of zb's moves to za: 2 moves. The per-zone bound sees only za's one leaver.
        string[] city = ["450100"];
        var snapshot = CloudSnapshot.Create(
            [Build.Zone("za", region: "450102"), Build.Zone("zb", region: "450103"), Build.Zone("zc", region: "450202")],
            [Build.Workload("w1", "za", cpu: 5_000, regions: city), Build.Workload("w2", "za", cpu: 4_000, regions: city),
             Build.Workload("b1", "zb", cpu: 3_000, regions: city), Build.Workload("b2", "zb", cpu: 3_500, regions: city)]);
        FilterPipeline filters = Build.Filters();
        MoveLowerBound.Result perZone = MoveLowerBound.Compute(snapshot, filters, 2);
        var all = snapshot.Zones.Select(z => z.Id).ToHashSet(StringComparer.Ordinal);

        int bound = CityGroupBound.Compute(snapshot, filters, all, perZone.ZoneBounds, new HashSet<string>(["za"], StringComparer.Ordinal), 2);
        CpSatReference.Result exact = CpSatReference.Solve(snapshot, filters, null, 10, 1);

        Assert.Multiple(() =>
        {
            Assert.That(perZone.Bound, Is.EqualTo(1));
            Assert.That(bound, Is.EqualTo(2));
            Assert.That(exact.Optimal, Is.True);
            Assert.That(exact.Objective, Is.EqualTo(2));
        });
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    public void CityGroupBound_SmallCityLockedInstances_NotAboveOptimum(int seed)
    {
        CloudSnapshot snapshot = InstanceGenerator.Generate(400, 28, seed, InstanceFamily.CityLocked);
        FilterPipeline filters = Build.Filters();
        CpSatReference.Result exact = CpSatReference.Solve(snapshot, filters, null, 20, 2);
        MoveLowerBound.Result perZone = MoveLowerBound.Compute(snapshot, filters, 2);
        var all = snapshot.Zones.Select(z => z.Id).ToHashSet(StringComparer.Ordinal);
        var hot = perZone.ZoneBounds.Keys.ToHashSet(StringComparer.Ordinal);

        int bound = CityGroupBound.Compute(snapshot, filters, all, perZone.ZoneBounds, hot, 2);

        Assume.That(exact.Optimal, Is.True, "CP-SAT proves small cases optimal (every zone under target)");
        Assert.That(bound, Is.LessThanOrEqualTo(exact.Objective!.Value));
        Assert.That(bound, Is.GreaterThanOrEqualTo(perZone.Bound));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(5)]
    public void WithoutDominated_RandomLeavers_SmallestCoverUnchanged(int seed)
    {
        // Many small two-dimensional workloads and a few large ones: dropping the leavers that K others dominate
        // (K = a greedy cover's size) must keep the smallest cover's size, found here by enumerating every subset.
        var rng = new Random(seed);
        var zone = Build.Zone("hot", cpu: 100_000, mem: 400_000);
        var workloads = Enumerable.Range(0, 14)
            .Select(i => Build.Workload($"w{i:D2}", "hot", cpu: rng.Next(4) == 0 ? 3_000 + rng.Next(6_000) : 200 + rng.Next(1_500), mem: 500 + rng.Next(rng.Next(3) == 0 ? 30_000 : 4_000)))
            .ToList();
        CloudSnapshot snapshot = CloudSnapshot.Create([zone], workloads);
        var excess = new ResourceVector(6_000 + rng.Next(4_000), 20_000 + rng.Next(20_000), 0);
        List<int> all = [.. Enumerable.Range(0, workloads.Count)];

        List<int> kept = MoveLowerBound.WithoutDominated(snapshot, all, excess);

        Assert.That(kept, Has.Count.LessThan(all.Count), "some leavers are dominated");
        Assert.That(Smallest(snapshot, kept, excess), Is.EqualTo(Smallest(snapshot, all, excess)));
    }

    private static int Smallest(CloudSnapshot s, List<int> items, ResourceVector excess)
    {
        int best = int.MaxValue;
        for (int mask = 1; mask < 1 << items.Count; mask++)
        {
            ResourceVector sum = default;
            for (int i = 0; i < items.Count; i++)
            {
                if ((mask & (1 << i)) != 0)
                {
                    sum += s.Workloads[items[i]].Requests;
                }
            }

            if (excess.FitsWithin(sum))
            {
                best = Math.Min(best, System.Numerics.BitOperations.PopCount((uint)mask));
            }
        }

        return best;
    }
}
