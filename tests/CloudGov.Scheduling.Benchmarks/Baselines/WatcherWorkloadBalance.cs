using CloudGov.Domain;
using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Rebalancing;

namespace CloudGov.Scheduling.Benchmarks.Baselines;

/// <summary>
/// Re-implementation, from its documented behaviour, of OpenStack Watcher's <c>workload_balance</c> strategy
/// (goal workload_balancing), with zones as compute hosts and workloads as instances:
/// <list type="bullet">
/// <item>one metric (CPU by default, or memory); a host is overloaded when its utilization exceeds
/// <c>threshold</c>;</item>
/// <item>each audit plans a single migration: overloaded hosts from most to least loaded; on the first host with a
/// candidate, the instance whose load is the largest not exceeding (host load − average load), i.e. the one
/// leaving the host closest to the average;</item>
/// <item>destinations are non-overloaded hosts with room for the instance (CloudGov's hard filters stand in for
/// Nova's) whose load plus the instance stays below the threshold; the least loaded is chosen; with no
/// destination the audit returns no action;</item>
/// <item>as the documentation advises (continuous audits), audits are repeated until one returns no action.</item>
/// </list>
/// </summary>
internal sealed class WatcherWorkloadBalance(FilterPipeline filters, WatcherWorkloadBalance.Settings settings) : IRebalanceStrategy
{
    public const string StrategyName = "watcher-workload_balance";

    private readonly SchedulerSimulator _scheduler = new(filters);

    /// <summary>The strategy's parameters.</summary>
    /// <param name="Dimension">The metric: 0 CPU (cpu_util, the default), 1 memory (memory.resident).</param>
    /// <param name="Threshold">Overload threshold as a fraction; null uses each zone's target utilization.</param>
    /// <param name="MaxAudits">Safety cap on repeated audits.</param>
    public sealed record Settings(int Dimension = 0, double? Threshold = null, int MaxAudits = 200_000);

    public string Name => StrategyName;

    public RebalancePlan Plan(RebalanceRequest request)
    {
        CloudSnapshot s = request.Snapshot;
        var state = new ClusterState(s);
        var moves = new List<Move>();
        int dim = settings.Dimension;
        var hosts = Enumerable.Range(0, s.Zones.Count)
            .Where(z => s.Zones[z].Status == ZoneStatus.Ready && s.Zones[z].Allocatable[dim] > 0).ToArray();
        var residents = new List<int>[s.Zones.Count];
        for (int z = 0; z < residents.Length; z++)
        {
            residents[z] = [.. s.WorkloadsIn(z)];
        }

        for (int audit = 0; audit < settings.MaxAudits; audit++)
        {
            double avg = hosts.Average(z => Load(state, s, z));
            var overloaded = hosts.Where(z => Load(state, s, z) > Threshold(s.Zones[z]))
                .OrderByDescending(z => Load(state, s, z)).ThenBy(z => z).ToList();
            if (overloaded.Count == 0)
            {
                break;
            }

            int src = -1, chosen = -1;
            foreach (int h in overloaded)
            {
                double delta = Load(state, s, h) - avg;
                double minDelta = double.MaxValue;
                foreach (int w in residents[h])
                {
                    if (!s.Workloads[w].Movable)
                    {
                        continue;
                    }

                    double current = delta - ((double)s.Workloads[w].Requests[dim] / s.Zones[h].Allocatable[dim]);
                    if (current >= 0 && current < minDelta)
                    {
                        minDelta = current;
                        chosen = w;
                    }
                }

                if (chosen >= 0)
                {
                    src = h;
                    break;
                }
            }

            if (chosen < 0)
            {
                break;
            }

            int dest = -1;
            double destLoad = double.MaxValue;
            foreach (int h in hosts)
            {
                double load = Load(state, s, h);
                if (h == src || load > Threshold(s.Zones[h]) || !_scheduler.Fits(state, chosen, h, src))
                {
                    continue;
                }

                double after = load + ((double)s.Workloads[chosen].Requests[dim] / s.Zones[h].Allocatable[dim]);
                if (after < Threshold(s.Zones[h]) && load < destLoad)
                {
                    dest = h;
                    destLoad = load;
                }
            }

            if (dest < 0)
            {
                break;
            }

            state.Move(chosen, dest);
            residents[src].Remove(chosen);
            residents[dest].Add(chosen);
            WorkloadSnapshot wl = s.Workloads[chosen];
            moves.Add(new Move(wl.Id, wl.TenantId, s.Zones[src].Id, s.Zones[dest].Id, wl.Requests, wl.MigrationCost,
                BaselineReasons.Of(StrategyName, $"host {s.Zones[src].Id} over threshold; instance brings it closest to the average")));
        }

        return PlanBuilder.Build(StrategyName, request, moves, []);
    }

    private double Threshold(ZoneSnapshot zone) => settings.Threshold ?? zone.TargetUtilization;

    private double Load(ClusterState state, CloudSnapshot s, int z) =>
        (double)state.LoadOf(z)[settings.Dimension] / s.Zones[z].Allocatable[settings.Dimension];
}
