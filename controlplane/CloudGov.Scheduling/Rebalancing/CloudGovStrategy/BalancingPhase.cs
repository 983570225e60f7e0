using CloudGov.Domain;

namespace CloudGov.Scheduling.Rebalancing.CloudGovStrategy;

/// <summary>
/// Phase 3, balance (optional, off at <see cref="CloudGovRebalanceOptions.BalanceTolerance"/> = 1): imbalance is
/// measured per eligibility class — among the zones a workload may actually use (its level, plane and residency
/// admit them) — never against a cloud-wide mean that zones it may not enter drag down. A workload leaves its zone
/// when that zone's dominant utilization exceeds the mean of its class's zones by more than the tolerance, to the
/// zone (under target, colder than the source afterwards) whose move lowers the sum of squared deviations within the
/// class by at least <see cref="CloudGovRebalanceOptions.MinBalanceGain"/>; per source the best gain per migration
/// cost wins. Each pass makes at most one move per source zone and a
/// workload moves at most once, so the work is bounded by the moves made.
/// </summary>
internal sealed class BalancingPhase(RunState run, Destinations destinations)
{
    private readonly List<(int Version, double Sum, double SumSq, int Count)> _stats = [];
    private readonly Dictionary<int, double> _meanCache = [];

    /// <summary>Per zone, the distinct eligibility classes of its movable residents (found once per plan).</summary>
    private int[][]? _zoneClasses;

    /// <summary>
    /// The move set when the last run ended with a pass that moved nothing: planning is deterministic, so while the
    /// move set is unchanged another run would find nothing either.
    /// </summary>
    private (int Count, long Signature)? _settledAt;

    public void Run()
    {
        double tolerance = run.Options.BalanceTolerance;
        if (tolerance >= 1.0 || _settledAt == (run.ActiveMoves, run.Signature))
        {
            return;
        }

        var pool = new List<int>();
        for (int z = 0; z < run.Zones.Count; z++)
        {
            if (!run.Frozen[z] && run.Zones[z].Status == ZoneStatus.Ready && !run.Alloc[z].IsZero)
            {
                pool.Add(z);
            }
        }

        if (pool.Count < 2)
        {
            return;
        }

        var util = new double[run.Zones.Count];
        int maxPasses = run.Snapshot.Workloads.Count + 1;
        for (int pass = 0; pass < maxPasses; pass++)
        {
            foreach (int z in pool)
            {
                util[z] = run.Cluster.DominantUtilization(z);
            }

            var sources = pool.OrderByDescending(z => util[z]).ThenBy(z => z).ToList();
            bool movedAny = false;
            foreach (int s in sources)
            {
                if (run.BudgetAllows(s) && TryMove(s, util))
                {
                    movedAny = true;
                }
            }

            if (!movedAny)
            {
                _settledAt = (run.ActiveMoves, run.Signature);
                return;
            }
        }
    }

    private bool TryMove(int s, double[] util)
    {
        double us = util[s];
        double tolerance = run.Options.BalanceTolerance;
        int bestW = -1, bestTo = -1, bestClass = -1;
        double bestRank = 0;
        _meanCache.Clear();
        if (!AboveSomeClassMean(s, us, tolerance))
        {
            return false; // no resident's class sees this zone as imbalanced: skip its workloads
        }
        foreach (int w in run.Snapshot.WorkloadsIn(s))
        {
            if (run.Cluster.ZoneOf(w) != s || !run.CanMove(w) || run.Workload(w).Requests.IsZero)
            {
                continue;
            }

            int c = destinations.ClassOf(w);
            if (!_meanCache.TryGetValue(c, out double mean))
            {
                var (_, sum, _, count) = Stats(c);
                mean = count == 0 ? double.PositiveInfinity : sum / count;
                _meanCache[c] = mean;
            }

            if (!(us > mean + tolerance))
            {
                continue;
            }

            ResourceVector req = run.Workload(w).Requests;
            double usAfter = (run.Cluster.LoadOf(s) - req).DominantRatioOf(run.Alloc[s]);
            int to = destinations.Find(w, s, maxDominantAfter: usAfter);
            if (to < 0)
            {
                continue;
            }

            double udAfter = (run.Cluster.LoadOf(to) + req).DominantRatioOf(run.Alloc[to]);
            double gain = Gain(c, s, us, usAfter, to, util[to], udAfter);
            if (gain < run.Options.MinBalanceGain || gain <= 1e-12)
            {
                continue;
            }

            double rank = gain / (1.0 + run.Workload(w).MigrationCost);
            if (rank > bestRank)
            {
                bestRank = rank;
                bestW = w;
                bestTo = to;
                bestClass = c;
            }
        }

        if (bestW < 0)
        {
            return false;
        }

        double classMean = _meanCache[bestClass];
        run.Apply(bestW, s, bestTo, ReasonTexts.Balance(run.Zones[s].Id, us, tolerance, classMean, run.Zones[bestTo].Id));
        util[s] = run.Cluster.DominantUtilization(s);
        util[bestTo] = run.Cluster.DominantUtilization(bestTo);
        return true;
    }

    private bool AboveSomeClassMean(int s, double us, double tolerance)
    {
        _zoneClasses ??= new int[run.Zones.Count][];
        if (_zoneClasses[s] is null)
        {
            var classes = new HashSet<int>();
            foreach (int w in run.Snapshot.WorkloadsIn(s))
            {
                if (run.Snapshot.IsMovable(w))
                {
                    classes.Add(destinations.ClassOf(w));
                }
            }

            _zoneClasses[s] = [.. classes];
        }

        foreach (int c in _zoneClasses[s])
        {
            var (_, sum, _, count) = Stats(c);
            if (count > 0 && us > (sum / count) + tolerance)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The drop in the sum of squared deviations from the mean over the class's zones when zone <paramref name="s"/>
    /// goes from <paramref name="us"/> to <paramref name="usAfter"/> and <paramref name="d"/> from <paramref name="ud"/>
    /// to <paramref name="udAfter"/> (zones outside the class do not count).
    /// </summary>
    private double Gain(int c, int s, double us, double usAfter, int d, double ud, double udAfter)
    {
        var (_, sum, sumSq, n) = Stats(c);
        if (n == 0)
        {
            return 0;
        }

        double sum2 = sum, sumSq2 = sumSq;
        if (destinations.InClass(c, s))
        {
            sum2 += usAfter - us;
            sumSq2 += (usAfter * usAfter) - (us * us);
        }

        if (destinations.InClass(c, d))
        {
            sum2 += udAfter - ud;
            sumSq2 += (udAfter * udAfter) - (ud * ud);
        }

        double before = sumSq - (sum * sum / n);
        double after = sumSq2 - (sum2 * sum2 / n);
        return before - after;
    }

    private (int Version, double Sum, double SumSq, int Count) Stats(int c)
    {
        while (_stats.Count <= c)
        {
            _stats.Add((-1, 0, 0, 0));
        }

        if (_stats[c].Version == run.Version)
        {
            return _stats[c];
        }

        double sum = 0, sumSq = 0;
        int n = 0;
        foreach (int z in destinations.ZonesOf(c))
        {
            double u = run.Cluster.DominantUtilization(z);
            sum += u;
            sumSq += u * u;
            n++;
        }

        _stats[c] = (run.Version, sum, sumSq, n);
        return _stats[c];
    }
}
