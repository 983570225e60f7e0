using CloudGov.Domain;
using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Rebalancing;
using Google.OrTools.Sat;

namespace CloudGov.Scheduling.Benchmarks.Reference;

/// <summary>
/// A proven lower bound on the number of moves that brings every zone under its target (the per-zone bound).
/// <para>
/// For a zone z over target, let e_d = load_d − floor(target × allocatable_d) &gt; 0 be its excess in dimension d.
/// In any final assignment where z is under target, the workloads that left z carry at least e_d + (whatever
/// arrived in d) ≥ e_d in every dimension d, because only departures lower a zone's load. Only workloads that
/// can leave count: movable ones with at least one other statically eligible zone. The fewest workloads whose
/// d-requests sum to e_d are the k_d largest, so at least max_d k_d workloads leave z. Each move has exactly one
/// source zone, so the bounds of different zones add up: LB = Σ_z max_d k_d(z). Where no set of leavers can
/// cover the excess, "every zone under target" is infeasible and the bound is reported as such.
/// </para>
/// <para>
/// Tightening (still valid): (a) a workload can leave z only if some other statically eligible zone z' could hold
/// it on top of z''s pinned workloads (req ≤ floor(target × allocatable(z')) − pinned(z') in every dimension);
/// (b) instead of max_d k_d, the minimum number of leavers covering every dimension's excess at once — a small
/// covering problem per zone solved by CP-SAT (one worker, a deterministic time limit, so the figure does not depend
/// on machine load), whose proven objective bound is used (a lower bound on that zone's minimum even when the time
/// limit stops it early). Before solving, leavers that at least K others dominate (K = a greedy cover's size) are
/// dropped: the minimum is unchanged (<see cref="WithoutDominated"/>), and the model of a zone with hundreds of tiny
/// workloads shrinks to the few that can matter, so the bound is proven within the time limit.
/// </para>
/// </summary>
internal static class MoveLowerBound
{
    /// <param name="Uncoolable">Hot zones whose excess no set of leavers can cover: they stay hot in every plan.</param>
    public sealed record Result(int Bound, bool Feasible, int HotZones, int SimpleBound, IReadOnlyDictionary<string, int> ZoneBounds, IReadOnlySet<string> Uncoolable);

    public static Result Compute(CloudSnapshot s, FilterPipeline filters, double secondsPerZone = 2.0)
    {
        var pinned = new ResourceVector[s.Zones.Count];
        for (int w = 0; w < s.Workloads.Count; w++)
        {
            if (!s.Workloads[w].Movable && s.ZoneOf(w) >= 0)
            {
                pinned[s.ZoneOf(w)] += s.Workloads[w].Requests;
            }
        }

        var room = new ResourceVector[s.Zones.Count];
        for (int z = 0; z < s.Zones.Count; z++)
        {
            room[z] = UtilizationMath.TargetLimit(s.Zones[z]) - pinned[z];
        }

        int simple = 0;
        var zoneBounds = new Dictionary<string, int>();
        var uncoolable = new HashSet<string>(StringComparer.Ordinal);
        var state = new ClusterState(s);
        int bound = 0, hot = 0;
        bool feasible = true;
        var eligibleOther = new Dictionary<string, bool[]>();
        for (int z = 0; z < s.Zones.Count; z++)
        {
            ZoneSnapshot zone = s.Zones[z];
            ResourceVector excess = state.LoadOf(z) - UtilizationMath.TargetLimit(zone);
            if (excess.FitsWithin(ResourceVector.Zero))
            {
                continue;
            }

            hot++;
            var leavers = s.WorkloadsIn(z).Where(w => s.Workloads[w].Movable && CanGoElsewhere(s, state, filters, w, z, eligibleOther, room)).ToList();
            int zoneBound = 0;
            for (int d = 0; d < ResourceVector.Dimensions; d++)
            {
                if (excess[d] <= 0)
                {
                    continue;
                }

                long[] sizes = [.. leavers.Select(w => s.Workloads[w].Requests[d]).OrderDescending()];
                long covered = 0;
                int k = 0;
                while (covered < excess[d] && k < sizes.Length)
                {
                    covered += sizes[k++];
                }

                if (covered < excess[d])
                {
                    feasible = false;
                    uncoolable.Add(zone.Id);
                }

                zoneBound = Math.Max(zoneBound, k);
            }

            simple += zoneBound;
            int zb = Math.Max(zoneBound, CoverBound(s, leavers, excess, secondsPerZone));
            zoneBounds[zone.Id] = zb;
            bound += zb;
        }

        return new Result(bound, feasible, hot, simple, zoneBounds, uncoolable);
    }

    /// <summary>A proven lower bound on the fewest leavers covering the excess in every dimension at once.</summary>
    private static int CoverBound(CloudSnapshot s, List<int> leavers, ResourceVector excess, double seconds)
    {
        leavers = WithoutDominated(s, leavers, excess);
        var model = new CpModel();
        BoolVar[] y = [.. leavers.Select(w => model.NewBoolVar($"y{w}"))];
        for (int d = 0; d < ResourceVector.Dimensions; d++)
        {
            if (excess[d] > 0)
            {
                model.Add(LinearExpr.WeightedSum(y, leavers.Select(w => s.Workloads[w].Requests[d])) >= excess[d]);
            }
        }

        model.Minimize(LinearExpr.Sum(y));
        var solver = new CpSolver { StringParameters = FormattableString.Invariant($"max_deterministic_time:{seconds} num_workers:1 random_seed:1") };
        CpSolverStatus status = solver.Solve(model);
        return status is CpSolverStatus.Optimal or CpSolverStatus.Feasible
            ? (int)Math.Ceiling(solver.BestObjectiveBound - 1e-6)
            : 0;
    }

    /// <summary>
    /// The leavers without those that cannot matter to the minimum: with K the size of some cover (greedy), a leaver b
    /// that at least K others dominate (requests ≥ b's in every dimension; equal requests ordered by index) can be
    /// replaced in any cover of size ≤ K by a dominator not in it, so the minimum over the remaining leavers is the
    /// same (each replacement climbs the dominance order, so replacing ends). The bound stays exact, the model smaller,
    /// so the solver proves more within its deterministic time.
    /// </summary>
    internal static List<int> WithoutDominated(CloudSnapshot s, List<int> leavers, ResourceVector excess)
    {
        int k = GreedyCoverSize(s, leavers, excess);
        if (k <= 0 || leavers.Count <= k)
        {
            return leavers;
        }

        var kept = new List<int>(leavers.Count);
        for (int i = 0; i < leavers.Count; i++)
        {
            ResourceVector b = s.Workloads[leavers[i]].Requests;
            int dominators = 0;
            for (int j = 0; j < leavers.Count && dominators < k; j++)
            {
                ResourceVector a = s.Workloads[leavers[j]].Requests;
                if (j != i && b.FitsWithin(a) && (a != b || j < i))
                {
                    dominators++;
                }
            }

            if (dominators < k)
            {
                kept.Add(leavers[i]);
            }
        }

        return kept;
    }

    /// <summary>The size of a greedy cover (largest share of the remaining excess first); 0 when the leavers cannot cover it.</summary>
    private static int GreedyCoverSize(CloudSnapshot s, List<int> leavers, ResourceVector excess)
    {
        var used = new bool[leavers.Count];
        ResourceVector remaining = excess;
        int size = 0;
        while (!remaining.FitsWithin(ResourceVector.Zero))
        {
            int best = -1;
            double bestShare = 0;
            for (int i = 0; i < leavers.Count; i++)
            {
                if (used[i])
                {
                    continue;
                }

                ResourceVector r = s.Workloads[leavers[i]].Requests;
                double share = 0;
                for (int d = 0; d < ResourceVector.Dimensions; d++)
                {
                    if (remaining[d] > 0)
                    {
                        share += (double)Math.Min(r[d], remaining[d]) / remaining[d];
                    }
                }

                if (share > bestShare)
                {
                    best = i;
                    bestShare = share;
                }
            }

            if (best < 0)
            {
                return 0;
            }

            used[best] = true;
            remaining -= s.Workloads[leavers[best]].Requests;
            size++;
        }

        return size;
    }

    private static bool CanGoElsewhere(CloudSnapshot s, ClusterState state, FilterPipeline filters, int w, int from, Dictionary<string, bool[]> cache, ResourceVector[] room)
    {
        WorkloadSnapshot wl = s.Workloads[w];
        string key = $"{(int)wl.RequiredLevel}|{(int)wl.NetworkPlane}|{string.Join(',', wl.AllowedRegions)}";
        if (!cache.TryGetValue(key, out bool[]? ok))
        {
            ok = new bool[s.Zones.Count];
            for (int z = 0; z < s.Zones.Count; z++)
            {
                ok[z] = filters.AdmitsStatic(new FilterContext(wl, z, s.Zones[z], state, true));
            }

            cache[key] = ok;
        }

        for (int z = 0; z < ok.Length; z++)
        {
            if (z != from && ok[z] && wl.Requests.FitsWithin(room[z]))
            {
                return true;
            }
        }

        return false;
    }
}
