using CloudGov.Domain;
using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Rebalancing;
using Google.OrTools.Sat;

namespace CloudGov.Scheduling.Benchmarks.Reference;

/// <summary>
/// A lower bound on the moves of any plan that ends with every zone in <c>coolAfter</c> under its target, stronger
/// than the per-zone bound where zones compete for the same scarce room (city-locked workloads, whose only
/// destinations are the few zones of their city).
/// <para>
/// Partition the zones into groups G (here: by city, the first four digits of the region code). For one group,
/// relax the problem: every movable workload now in a zone of G either ends in a statically eligible zone of G or
/// leaves G (allowed when it has any statically eligible zone outside G; what happens outside is not modelled);
/// pinned workloads stay; every zone of G in <c>coolAfter</c> holds its pinned load plus what ends there from G within
/// its target limit (arrivals from outside G are dropped, which only lowers its load). Any plan reaching the goal
/// gives such an assignment (its final zones of G's workloads), and it moves at least the workloads whose zone changed,
/// each by a move whose source is in G. So the minimum of the relaxed model bounds the plan's moves with a source in
/// G; so does the per-zone bound summed over G's cooled zones (departures from those zones only); their maximum is
/// used. Groups share no source zone, so the groups' bounds add up. CP-SAT solves each group with one worker and a
/// deterministic time limit; its proven objective bound is used, so the figure stays valid when it stops early.
/// </para>
/// </summary>
internal static class CityGroupBound
{
    /// <summary>Groups with more (workload, zone) pairs than this are not modelled (their per-zone bound is used).</summary>
    public const int MaxPairs = 60_000;

    public static int Compute(CloudSnapshot s, FilterPipeline filters, IReadOnlySet<string> coolAfter, IReadOnlyDictionary<string, int> perZone, IReadOnlySet<string> cooled, double secondsPerHotZone)
    {
        var state = new ClusterState(s);
        int total = 0;
        foreach (IGrouping<string, int> group in Enumerable.Range(0, s.Zones.Count).GroupBy(z => s.Zones[z].RegionCode[..4], StringComparer.Ordinal))
        {
            int[] zones = [.. group];
            int perZoneSum = zones.Sum(z => cooled.Contains(s.Zones[z].Id) ? perZone.GetValueOrDefault(s.Zones[z].Id) : 0);
            if (perZoneSum == 0)
            {
                continue;
            }

            int hotInGroup = zones.Count(z => cooled.Contains(s.Zones[z].Id));
            total += Math.Max(perZoneSum, Solve(s, filters, state, zones, coolAfter, secondsPerHotZone * hotInGroup));
        }

        return total;
    }

    private static int Solve(CloudSnapshot s, FilterPipeline filters, ClusterState state, int[] zones, IReadOnlySet<string> coolAfter, double seconds)
    {
        var inGroup = new bool[s.Zones.Count];
        foreach (int z in zones)
        {
            inGroup[z] = true;
        }

        var model = new CpModel();
        var pinned = new ResourceVector[s.Zones.Count];
        var arrivals = new Dictionary<int, List<(BoolVar Var, ResourceVector Requests)>>();
        var stays = new List<BoolVar>();
        var eligibleByKey = new Dictionary<int, bool[]>();
        int pairs = 0;
        foreach (int z in zones)
        {
            foreach (int w in s.WorkloadsIn(z))
            {
                WorkloadSnapshot wl = s.Workloads[w];
                if (!wl.Movable)
                {
                    pinned[z] += wl.Requests;
                    continue;
                }

                int key = s.EligibilityKeyOf(w);
                if (!eligibleByKey.TryGetValue(key, out bool[]? admits))
                {
                    admits = new bool[s.Zones.Count];
                    for (int other = 0; other < s.Zones.Count; other++)
                    {
                        admits[other] = filters.AdmitsStatic(new FilterContext(wl, other, s.Zones[other], state, true));
                    }

                    eligibleByKey[key] = admits;
                }

                var options = new List<BoolVar>();
                bool outside = false;
                for (int other = 0; other < s.Zones.Count; other++)
                {
                    bool eligible = other == z || admits[other];
                    if (!eligible)
                    {
                        continue;
                    }

                    if (!inGroup[other])
                    {
                        outside = true;
                        continue;
                    }

                    BoolVar x = model.NewBoolVar($"x{w}_{other}");
                    options.Add(x);
                    pairs++;
                    if (!arrivals.TryGetValue(other, out var list))
                    {
                        arrivals[other] = list = [];
                    }

                    list.Add((x, wl.Requests));
                    if (other == z)
                    {
                        stays.Add(x);
                    }
                }

                if (outside)
                {
                    options.Add(model.NewBoolVar($"out{w}"));
                }

                model.AddExactlyOne(options);
            }

            if (pairs > MaxPairs)
            {
                return 0;
            }
        }

        foreach (int z in zones)
        {
            if (!coolAfter.Contains(s.Zones[z].Id))
            {
                continue;
            }

            ResourceVector limit = UtilizationMath.TargetLimit(s.Zones[z]) - pinned[z];
            var list = arrivals.GetValueOrDefault(z) ?? [];
            for (int d = 0; d < ResourceVector.Dimensions; d++)
            {
                if (limit[d] < 0)
                {
                    return 0; // pinned load alone is over target: no plan cools it (the per-zone bound covers this zone)
                }

                if (list.Count > 0)
                {
                    model.Add(LinearExpr.WeightedSum(list.Select(a => a.Var), list.Select(a => a.Requests[d])) <= limit[d]);
                }
            }
        }

        // Moves = movable workloads of G minus those that stay.
        model.Maximize(LinearExpr.Sum(stays));
        int movable = zones.Sum(z => s.WorkloadsIn(z).Count(w => s.Workloads[w].Movable));
        var solver = new CpSolver { StringParameters = FormattableString.Invariant($"max_deterministic_time:{seconds} num_workers:1 random_seed:1") };
        CpSolverStatus status = solver.Solve(model);
        return status is CpSolverStatus.Optimal or CpSolverStatus.Feasible
            ? movable - (int)Math.Floor(solver.BestObjectiveBound + 1e-6)
            : 0;
    }
}
