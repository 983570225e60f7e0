using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Scores;

namespace CloudGov.Scheduling.Placement;

/// <summary>
/// Places a new workload: filters every zone, scores the eligible ones, picks the highest total (ties by zone
/// id, ordinal), and explains every rejected zone. Pure and deterministic.
/// </summary>
public sealed class PlacementEngine(FilterPipeline filters, ScoreSet scores)
{
    private readonly FilterPipeline _filters = filters ?? throw new ArgumentNullException(nameof(filters));
    private readonly ScoreSet _scores = scores ?? throw new ArgumentNullException(nameof(scores));

    /// <summary>Places <paramref name="workload"/> (not yet in the snapshot) into the snapshot's cloud.</summary>
    public PlacementResult Place(CloudSnapshot snapshot, WorkloadSnapshot workload) =>
        Place(new ClusterState(snapshot), workload);

    /// <summary>Places <paramref name="workload"/> against an allocation state.</summary>
    public PlacementResult Place(IClusterView cluster, WorkloadSnapshot workload)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(workload);
        var candidates = new List<ZoneCandidate>();
        var rejections = new List<ZoneRejection>();
        IReadOnlyList<ZoneSnapshot> zones = cluster.Snapshot.Zones;
        for (int z = 0; z < zones.Count; z++)
        {
            var context = new FilterContext(workload, z, zones[z], cluster, IsMigration: false);
            if (_filters.Admits(context))
            {
                candidates.Add(new ZoneCandidate(zones[z].Id, _scores.Total(context), _scores.Breakdown(context)));
            }
            else
            {
                rejections.Add(new ZoneRejection(zones[z].Id, _filters.Explain(context)));
            }
        }

        candidates.Sort(static (a, b) =>
        {
            int byScore = b.TotalScore.CompareTo(a.TotalScore);
            return byScore != 0 ? byScore : string.CompareOrdinal(a.ZoneId, b.ZoneId);
        });

        if (candidates.Count > 0)
        {
            return new PlacementResult(workload.Id, candidates[0].ZoneId, candidates, rejections, null);
        }

        var summary = new Rejection(
            "placement",
            ReasonCodes.NoZoneFits,
            $"no zone fits workload {workload.Id}: {zones.Count} zones checked, all rejected",
            $"没有云区可容纳业务系统 {workload.Id}：共检查 {zones.Count} 个云区，均不满足约束");
        return new PlacementResult(workload.Id, null, candidates, rejections, summary);
    }
}
