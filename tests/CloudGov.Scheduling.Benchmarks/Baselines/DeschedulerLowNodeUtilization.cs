using CloudGov.Domain;
using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Rebalancing;

namespace CloudGov.Scheduling.Benchmarks.Baselines;

/// <summary>
/// Re-implementation, from its documented behaviour, of the Kubernetes descheduler's LowNodeUtilization plugin,
/// with zones as nodes and workloads as pods:
/// <list type="bullet">
/// <item>a node is underutilized when every resource is below <c>thresholds</c>, overutilized when any resource is
/// above <c>targetThresholds</c>; nothing happens unless both kinds exist;</item>
/// <item>the pooled destination capacity is the sum over underutilized nodes of (targetThreshold × allocatable −
/// usage) per resource;</item>
/// <item>overutilized nodes are processed from most to least used; their evictable pods (not pinned) in priority
/// order, lowest first (snapshot order within a priority), are evicted while the node is still above a target
/// threshold and every pooled resource is still positive; each eviction is subtracted from the pool;</item>
/// <item>with <c>nodeFit</c>, a pod is evicted only if it fits on some other node; the evicted pod is re-created by the
/// scheduler (simulated: least-allocated among zones passing CloudGov's hard filters).</item>
/// </list>
/// One run is one descheduler cycle.
/// </summary>
internal sealed class DeschedulerLowNodeUtilization(FilterPipeline filters, DeschedulerLowNodeUtilization.Settings settings) : IRebalanceStrategy
{
    public const string StrategyName = "descheduler-lownodeutilization";

    private readonly SchedulerSimulator _scheduler = new(filters);

    /// <summary>The plugin's arguments.</summary>
    /// <param name="Threshold">thresholds, as a fraction, for every resource.</param>
    /// <param name="TargetThreshold">targetThresholds as a fraction; null uses each zone's target utilization.</param>
    /// <param name="NodeFit">Evict only pods that fit elsewhere.</param>
    public sealed record Settings(double Threshold = 0.50, double? TargetThreshold = null, bool NodeFit = true);

    public string Name => StrategyName;

    public RebalancePlan Plan(RebalanceRequest request)
    {
        CloudSnapshot s = request.Snapshot;
        var state = new ClusterState(s);
        int zoneCount = s.Zones.Count;
        var under = new List<int>();
        var over = new List<int>();
        for (int z = 0; z < zoneCount; z++)
        {
            if (s.Zones[z].Status != ZoneStatus.Ready || s.Zones[z].Allocatable.IsZero)
            {
                continue;
            }

            ResourceVector load = state.LoadOf(z);
            ResourceVector alloc = s.Zones[z].Allocatable;
            bool allBelow = true, anyAbove = false;
            for (int d = 0; d < ResourceVector.Dimensions; d++)
            {
                if (alloc[d] <= 0)
                {
                    continue;
                }

                double u = (double)load[d] / alloc[d];
                allBelow &= u < settings.Threshold;
                anyAbove |= load[d] > TargetLimit(s.Zones[z])[d];
            }

            if (allBelow)
            {
                under.Add(z);
            }
            else if (anyAbove)
            {
                over.Add(z);
            }
        }

        var moves = new List<Move>();
        if (under.Count == 0 || over.Count == 0)
        {
            return PlanBuilder.Build(StrategyName, request, moves, []);
        }

        var pool = new long[ResourceVector.Dimensions];
        var pooled = new bool[ResourceVector.Dimensions];
        foreach (int z in under)
        {
            ResourceVector limit = TargetLimit(s.Zones[z]);
            for (int d = 0; d < ResourceVector.Dimensions; d++)
            {
                if (s.Zones[z].Allocatable[d] > 0)
                {
                    pool[d] += limit[d] - state.LoadOf(z)[d];
                    pooled[d] = true;
                }
            }
        }

        over.Sort((a, b) =>
        {
            int c = SchedulerSimulator.MeanUtilization(state.LoadOf(b), s.Zones[b].Allocatable)
                .CompareTo(SchedulerSimulator.MeanUtilization(state.LoadOf(a), s.Zones[a].Allocatable));
            return c != 0 ? c : a.CompareTo(b);
        });

        foreach (int src in over)
        {
            List<int> pods = [.. s.WorkloadsIn(src).Where(w => s.Workloads[w].Movable).OrderBy(w => s.Workloads[w].Priority).ThenBy(w => w)];
            foreach (int w in pods)
            {
                if (!ContinueEviction(s.Zones[src], state.LoadOf(src), pool, pooled))
                {
                    break;
                }

                int dest = _scheduler.LeastAllocated(state, w, src);
                if (dest < 0 && settings.NodeFit)
                {
                    continue;
                }

                if (dest < 0)
                {
                    continue;
                }

                ResourceVector req = s.Workloads[w].Requests;
                for (int d = 0; d < ResourceVector.Dimensions; d++)
                {
                    pool[d] -= req[d];
                }

                state.Move(w, dest);
                moves.Add(new Move(
                    s.Workloads[w].Id, s.Workloads[w].TenantId, s.Zones[src].Id, s.Zones[dest].Id, req, s.Workloads[w].MigrationCost,
                    BaselineReasons.Of(StrategyName, $"evicted from overutilized zone {s.Zones[src].Id}")));
            }
        }

        return PlanBuilder.Build(StrategyName, request, moves, []);
    }

    private ResourceVector TargetLimit(ZoneSnapshot zone) =>
        settings.TargetThreshold is { } t ? zone.Allocatable.Scale(t) : UtilizationMath.TargetLimit(zone);

    private bool ContinueEviction(ZoneSnapshot zone, ResourceVector load, long[] pool, bool[] pooled)
    {
        if (load.FitsWithin(TargetLimit(zone)))
        {
            return false;
        }

        for (int d = 0; d < ResourceVector.Dimensions; d++)
        {
            if (pooled[d] && pool[d] <= 0)
            {
                return false;
            }
        }

        return true;
    }
}
