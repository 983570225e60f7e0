using CloudGov.Domain;
using CloudGov.Scheduling.Benchmarks;
using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Rebalancing;
using CloudGov.Scheduling.Tests.Support;

namespace CloudGov.Scheduling.Tests.Rebalancing;

/// <summary>
/// Invariants over every instance family of the benchmark generator: no violation, every move contributes to an
/// outcome, a second run proposes nothing, and — on instances small enough for exhaustive search — never more zones
/// left over target than the fewest any assignment reaches under make-before-break: a zone that starts or ends over
/// target receives nothing (an exchange into a hot zone passes through a state where a zone exceeds its target
/// whichever move goes first, so no make-before-break plan can carry it out).
/// </summary>
public sealed class FamilyPropertyTests
{
    private static readonly TimeSpan Cooldown = TimeSpan.FromHours(6);

    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (InstanceFamily family in Enum.GetValues<InstanceFamily>())
        {
            for (int seed = 1; seed <= 6; seed++)
            {
                yield return new TestCaseData(family, seed).SetName($"Plan_{family}Seed{seed}_InvariantsHold");
            }
        }
    }

    public static IEnumerable<TestCaseData> TinyCases()
    {
        foreach (InstanceFamily family in Enum.GetValues<InstanceFamily>())
        {
            for (int seed = 1; seed <= 8; seed++)
            {
                yield return new TestCaseData(family, seed).SetName($"Plan_Tiny{family}Seed{seed}_NoMoreHotThanExhaustive");
            }
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Plan_FamilyInstance_InvariantsHold(InstanceFamily family, int seed)
    {
        CloudSnapshot snapshot = InstanceGenerator.Generate(150 + (seed * 40), 6 + seed, seed, family);
        var options = new CloudGovRebalanceOptions { Cooldown = Cooldown, BalanceTolerance = seed % 2 == 0 ? 0.3 : 0.4 };
        FilterPipeline filters = Build.Filters();
        CloudGovRebalanceStrategy strategy = Build.Strategy(options);

        RebalancePlan plan = strategy.Plan(snapshot);

        Assert.Multiple(() =>
        {
            Assert.That(PlanValidator.Validate(snapshot, plan.Moves, filters, Build.Now, Cooldown), Is.Empty, "no violation");
            RebalancePropertyTests.AssertEveryMoveContributes(snapshot, plan, filters, options);
            Assert.That(strategy.Plan(snapshot.Apply(plan.Moves, Build.Now)).Moves, Is.Empty, "a second run on the result proposes nothing");
            if (family == InstanceFamily.Balanced && plan.HotZonesBefore == 0)
            {
                Assert.That(plan.Moves, Is.Empty, "a balanced cloud gets an empty plan");
            }
        });
    }

    [TestCaseSource(nameof(TinyCases))]
    public void Plan_TinyFamilyInstance_NoMoreHotZonesThanExhaustiveSearch(InstanceFamily family, int seed)
    {
        CloudSnapshot snapshot = InstanceGenerator.Generate(9, 3, seed, family);
        RebalancePlan plan = Build.Strategy(new CloudGovRebalanceOptions { BalanceTolerance = 1.0 }).Plan(snapshot);

        int best = FewestHotZones(snapshot, Build.Filters());

        Assert.That(plan.HotZonesAfter, Is.LessThanOrEqualTo(best));
    }

    /// <summary>
    /// The fewest zones over target of any assignment of the movable workloads to statically eligible zones where
    /// every zone that receives a workload starts and ends under target and no anti-affinity group shares a zone.
    /// </summary>
    private static int FewestHotZones(CloudSnapshot s, FilterPipeline filters)
    {
        var state = new ClusterState(s);
        int[] movable = [.. Enumerable.Range(0, s.Workloads.Count).Where(w => s.Workloads[w].Movable && s.ZoneOf(w) >= 0)];
        Assume.That(movable.Length, Is.LessThanOrEqualTo(10), "small enough to enumerate");
        var options = movable.Select(w => Enumerable.Range(0, s.Zones.Count)
            .Where(z => z == s.ZoneOf(w) || filters.AdmitsStatic(new FilterContext(s.Workloads[w], z, s.Zones[z], state, true)))
            .ToArray()).ToArray();
        bool[] startHot = [.. Enumerable.Range(0, s.Zones.Count).Select(z => UtilizationMath.IsHot(s.Zones[z], state.LoadOf(z)))];
        var zoneOf = new int[s.Workloads.Count];
        for (int w = 0; w < zoneOf.Length; w++)
        {
            zoneOf[w] = s.ZoneOf(w);
        }

        int best = int.MaxValue;
        Enumerate(0);
        return best;

        void Enumerate(int i)
        {
            if (i == movable.Length)
            {
                best = Math.Min(best, Evaluate());
                return;
            }

            foreach (int z in options[i])
            {
                zoneOf[movable[i]] = z;
                Enumerate(i + 1);
            }

            zoneOf[movable[i]] = s.ZoneOf(movable[i]);
        }

        int Evaluate()
        {
            var loads = new ResourceVector[s.Zones.Count];
            var receives = new bool[s.Zones.Count];
            var groups = new HashSet<(string, int)>();
            for (int w = 0; w < zoneOf.Length; w++)
            {
                if (zoneOf[w] < 0)
                {
                    continue;
                }

                loads[zoneOf[w]] += s.Workloads[w].Requests;
                receives[zoneOf[w]] |= zoneOf[w] != s.ZoneOf(w);
                if (s.Workloads[w].AntiAffinityGroup is { } g && !groups.Add((g, zoneOf[w])))
                {
                    return int.MaxValue;
                }
            }

            int hot = 0;
            for (int z = 0; z < s.Zones.Count; z++)
            {
                bool isHot = UtilizationMath.IsHot(s.Zones[z], loads[z]);
                if ((isHot || startHot[z]) && receives[z])
                {
                    return int.MaxValue;
                }

                hot += isHot ? 1 : 0;
            }

            return hot;
        }
    }
}
