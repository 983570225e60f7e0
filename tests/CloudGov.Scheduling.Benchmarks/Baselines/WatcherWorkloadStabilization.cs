using CloudGov.Domain;
using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Rebalancing;

namespace CloudGov.Scheduling.Benchmarks.Baselines;

/// <summary>
/// Re-implementation, from its documented behaviour, of OpenStack Watcher's <c>workload_stabilization</c>
/// strategy ("overload standard deviation algorithm"), with zones as hosts and workloads as instances:
/// <list type="bullet">
/// <item>host load per metric (CPU and memory) is normalized by host capacity; the cluster needs balancing when the
/// standard deviation of any metric exceeds its threshold (default 0.1 each);</item>
/// <item>an audit simulates candidate migrations — every instance to other hosts chosen by <c>host_choice</c>
/// (<c>retry</c>: <c>retry_count</c> random hosts, the default, seeded here; <c>fullsearch</c>: all hosts) — and
/// ranks them by the weighted standard deviation they would leave (weights default 1.0);</item>
/// <item>it then walks the ranking, applying each migration that still lowers the weighted standard deviation
/// below the best so far, and stops the audit once some metric's deviation is under its threshold;</item>
/// <item>audits repeat while a metric is over threshold and the last audit migrated something.</item>
/// </list>
/// Destinations must pass CloudGov's hard filters (standing in for Nova's scheduler filters).
/// </summary>
internal sealed class WatcherWorkloadStabilization(FilterPipeline filters, WatcherWorkloadStabilization.Settings settings) : IRebalanceStrategy
{
    public const string StrategyName = "watcher-workload_stabilization";

    private static readonly int[] Metrics = [0, 1];
    private readonly SchedulerSimulator _scheduler = new(filters);

    /// <summary>The strategy's parameters.</summary>
    public sealed record Settings(
        double CpuThreshold = 0.1,
        double MemoryThreshold = 0.1,
        double CpuWeight = 1.0,
        double MemoryWeight = 1.0,
        bool FullSearch = false,
        int RetryCount = 1,
        int Seed = 1,
        int MaxAudits = 50);

    public string Name => StrategyName;

    public RebalancePlan Plan(RebalanceRequest request)
    {
        CloudSnapshot s = request.Snapshot;
        var state = new ClusterState(s);
        var moves = new List<Move>();
        var rng = new Random(settings.Seed);
        int[] hosts = [.. Enumerable.Range(0, s.Zones.Count).Where(z => s.Zones[z].Status == ZoneStatus.Ready && !s.Zones[z].Allocatable.IsZero)];
        var isHost = new bool[s.Zones.Count];
        foreach (int h in hosts)
        {
            isHost[h] = true;
        }

        double[] thresholds = [settings.CpuThreshold, settings.MemoryThreshold];
        double[] weights = [settings.CpuWeight, settings.MemoryWeight];
        var sum = new double[2];
        var sumSq = new double[2];

        for (int audit = 0; audit < settings.MaxAudits; audit++)
        {
            Recompute(state, s, hosts, sum, sumSq);
            if (!Enumerable.Range(0, 2).Any(m => Sd(sum[m], sumSq[m], hosts.Length) > thresholds[m]))
            {
                break;
            }

            var candidates = new List<(double Wsd, int W, int Dst)>();
            foreach (int src in hosts)
            {
                foreach (int w in s.WorkloadsIn(src))
                {
                    if (!s.Workloads[w].Movable || state.ZoneOf(w) != src)
                    {
                        continue;
                    }

                    if (settings.FullSearch)
                    {
                        foreach (int dst in hosts)
                        {
                            Consider(w, src, dst);
                        }
                    }
                    else
                    {
                        for (int r = 0; r < settings.RetryCount; r++)
                        {
                            Consider(w, src, hosts[rng.Next(hosts.Length)]);
                        }
                    }
                }
            }

            candidates.Sort((a, b) => a.Wsd != b.Wsd ? a.Wsd.CompareTo(b.Wsd) : a.W.CompareTo(b.W));
            double minSd = WeightedSd(sum, sumSq, hosts.Length, weights);
            var movedThisAudit = new HashSet<int>();
            int applied = 0;
            foreach (var (_, w, dst) in candidates)
            {
                int src = state.ZoneOf(w);
                if (movedThisAudit.Contains(w) || src == dst || !_scheduler.Fits(state, w, dst, src))
                {
                    continue;
                }

                double wsd = WeightedAfter(state, s, w, src, dst, sum, sumSq, hosts.Length, weights);
                if (wsd >= minSd)
                {
                    continue;
                }

                minSd = wsd;
                Shift(state, s, w, src, dst, sum, sumSq);
                state.Move(w, dst);
                movedThisAudit.Add(w);
                applied++;
                WorkloadSnapshot wl = s.Workloads[w];
                moves.Add(new Move(wl.Id, wl.TenantId, s.Zones[src].Id, s.Zones[dst].Id, wl.Requests, wl.MigrationCost,
                    BaselineReasons.Of(StrategyName, "lowers the weighted standard deviation of host load")));
                if (Enumerable.Range(0, 2).Any(m => Sd(sum[m], sumSq[m], hosts.Length) < thresholds[m]))
                {
                    break;
                }
            }

            if (applied == 0)
            {
                break;
            }

            void Consider(int w, int src, int dst)
            {
                if (dst == src || !isHost[dst] || !_scheduler.Fits(state, w, dst, src))
                {
                    return;
                }

                candidates.Add((WeightedAfter(state, s, w, src, dst, sum, sumSq, hosts.Length, weights), w, dst));
            }
        }

        return PlanBuilder.Build(StrategyName, request, moves, []);
    }

    private static double U(ResourceVector load, ResourceVector alloc, int d) => alloc[d] > 0 ? (double)load[d] / alloc[d] : 0;

    private static void Recompute(ClusterState state, CloudSnapshot s, int[] hosts, double[] sum, double[] sumSq)
    {
        for (int m = 0; m < 2; m++)
        {
            sum[m] = 0;
            sumSq[m] = 0;
            foreach (int h in hosts)
            {
                double u = U(state.LoadOf(h), s.Zones[h].Allocatable, Metrics[m]);
                sum[m] += u;
                sumSq[m] += u * u;
            }
        }
    }

    private static double Sd(double sum, double sumSq, int n) => Math.Sqrt(Math.Max(0, (sumSq / n) - ((sum / n) * (sum / n))));

    private static double WeightedSd(double[] sum, double[] sumSq, int n, double[] weights) =>
        (weights[0] * Sd(sum[0], sumSq[0], n)) + (weights[1] * Sd(sum[1], sumSq[1], n));

    private static double WeightedAfter(ClusterState state, CloudSnapshot s, int w, int src, int dst, double[] sum, double[] sumSq, int n, double[] weights)
    {
        ResourceVector req = s.Workloads[w].Requests;
        double total = 0;
        for (int m = 0; m < 2; m++)
        {
            int d = Metrics[m];
            double us = U(state.LoadOf(src), s.Zones[src].Allocatable, d);
            double ud = U(state.LoadOf(dst), s.Zones[dst].Allocatable, d);
            double us2 = U(state.LoadOf(src) - req, s.Zones[src].Allocatable, d);
            double ud2 = U(state.LoadOf(dst) + req, s.Zones[dst].Allocatable, d);
            double nsum = sum[m] - us - ud + us2 + ud2;
            double nsq = sumSq[m] - (us * us) - (ud * ud) + (us2 * us2) + (ud2 * ud2);
            total += weights[m] * Sd(nsum, nsq, n);
        }

        return total;
    }

    private static void Shift(ClusterState state, CloudSnapshot s, int w, int src, int dst, double[] sum, double[] sumSq)
    {
        ResourceVector req = s.Workloads[w].Requests;
        for (int m = 0; m < 2; m++)
        {
            int d = Metrics[m];
            double us = U(state.LoadOf(src), s.Zones[src].Allocatable, d);
            double ud = U(state.LoadOf(dst), s.Zones[dst].Allocatable, d);
            double us2 = U(state.LoadOf(src) - req, s.Zones[src].Allocatable, d);
            double ud2 = U(state.LoadOf(dst) + req, s.Zones[dst].Allocatable, d);
            sum[m] += us2 + ud2 - us - ud;
            sumSq[m] += (us2 * us2) + (ud2 * ud2) - (us * us) - (ud * ud);
        }
    }
}
