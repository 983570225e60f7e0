using CloudGov.Domain;
using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;

namespace CloudGov.Scheduling.Benchmarks.Baselines;

/// <summary>
/// What the baselines' surrounding systems do when a workload is re-created (kube-scheduler) or live-migrated
/// (Nova): any zone passing CloudGov's hard filters (so baselines are held to the same constraints), ranked by
/// the least-allocated rule (lowest mean utilization after placement), ties by zone order.
/// </summary>
internal sealed class SchedulerSimulator(FilterPipeline filters)
{
    private readonly FilterPipeline _filters = filters;

    /// <summary>True when the workload may go to the zone now (every filter).</summary>
    public bool Fits(ClusterState state, int workload, int zone, int from)
    {
        CloudSnapshot s = state.Snapshot;
        return _filters.Admits(new FilterContext(s.Workloads[workload], zone, s.Zones[zone], state, IsMigration: true, s.Zones[from]));
    }

    /// <summary>The least-allocated feasible zone other than <paramref name="from"/>, or -1.</summary>
    public int LeastAllocated(ClusterState state, int workload, int from)
    {
        CloudSnapshot s = state.Snapshot;
        ResourceVector req = s.Workloads[workload].Requests;
        int best = -1;
        double bestScore = double.MaxValue;
        for (int z = 0; z < s.Zones.Count; z++)
        {
            if (z == from || !Fits(state, workload, z, from))
            {
                continue;
            }

            double score = MeanUtilization(state.LoadOf(z) + req, s.Zones[z].Allocatable);
            if (score < bestScore)
            {
                best = z;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>Mean over dimensions with capacity of load ÷ allocatable.</summary>
    public static double MeanUtilization(ResourceVector load, ResourceVector alloc)
    {
        double sum = 0;
        int n = 0;
        for (int d = 0; d < ResourceVector.Dimensions; d++)
        {
            if (alloc[d] > 0)
            {
                sum += (double)load[d] / alloc[d];
                n++;
            }
        }

        return n == 0 ? 0 : sum / n;
    }
}
