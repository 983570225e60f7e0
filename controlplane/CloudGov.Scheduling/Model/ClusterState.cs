using CloudGov.Domain;
using CloudGov.Scheduling.Filters;

namespace CloudGov.Scheduling.Model;

/// <summary>
/// A mutable simulation of a snapshot's allocation while a plan is built: where each workload runs, each zone's
/// load and anti-affinity membership. Starts equal to the snapshot; planners move workloads in it.
/// </summary>
public sealed class ClusterState : IClusterView
{
    private readonly ResourceVector[] _loads;
    private readonly int[] _zoneOf;
    private readonly Dictionary<(int Zone, string Group), int> _groups = [];

    /// <summary>Starts a simulation from the snapshot.</summary>
    public ClusterState(CloudSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Snapshot = snapshot;
        _loads = snapshot.ZoneLoads();
        _zoneOf = new int[snapshot.Workloads.Count];
        for (int w = 0; w < _zoneOf.Length; w++)
        {
            _zoneOf[w] = snapshot.ZoneOf(w);
        }

        foreach (int w in snapshot.GroupedWorkloads)
        {
            AddToGroup(_zoneOf[w], snapshot.Workloads[w].AntiAffinityGroup!, 1);
        }
    }

    /// <inheritdoc />
    public CloudSnapshot Snapshot { get; }

    /// <inheritdoc />
    public ResourceVector LoadOf(int zoneIndex) => _loads[zoneIndex];

    /// <inheritdoc />
    public int AntiAffinityCount(int zoneIndex, string group) =>
        _groups.TryGetValue((zoneIndex, group), out int n) ? n : 0;

    /// <summary>The zone a workload runs in now, or -1.</summary>
    public int ZoneOf(int workloadIndex) => _zoneOf[workloadIndex];

    /// <summary>The dominant utilization (largest load ÷ allocatable over dimensions) of a zone now.</summary>
    public double DominantUtilization(int zoneIndex) =>
        _loads[zoneIndex].DominantRatioOf(Snapshot.Zones[zoneIndex].Allocatable);

    /// <summary>Moves a workload (which must be placed) to another zone.</summary>
    public void Move(int workloadIndex, int toZone)
    {
        int from = _zoneOf[workloadIndex];
        if (from < 0)
        {
            throw new InvalidOperationException($"workload #{workloadIndex} is not placed");
        }

        WorkloadSnapshot w = Snapshot.Workloads[workloadIndex];
        _loads[from] = CheckedSum.Subtract(_loads[from], w.Requests);
        _loads[toZone] = CheckedSum.Add(_loads[toZone], w.Requests);
        _zoneOf[workloadIndex] = toZone;
        if (w.AntiAffinityGroup is { } group)
        {
            AddToGroup(from, group, -1);
            AddToGroup(toZone, group, 1);
        }
    }

    private void AddToGroup(int zone, string group, int delta)
    {
        var key = (zone, group);
        int n = _groups.TryGetValue(key, out int current) ? current + delta : delta;
        if (n == 0)
        {
            _groups.Remove(key);
        }
        else
        {
            _groups[key] = n;
        }
    }
}
