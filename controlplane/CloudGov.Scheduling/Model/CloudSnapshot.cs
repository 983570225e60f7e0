using CloudGov.Domain;

namespace CloudGov.Scheduling.Model;

/// <summary>
/// An immutable, validated one-cloud snapshot: zones, workloads and freeze windows, with the indexes the
/// scheduler needs. Build it with <see cref="Create"/>; apply a plan with <see cref="Apply"/>.
/// </summary>
public sealed class CloudSnapshot
{
    private readonly Dictionary<string, int> _zoneIndex;
    private readonly Dictionary<string, int> _workloadIndex;
    private readonly int[] _workloadZone;
    private readonly int[][] _zoneWorkloads;

    private CloudSnapshot(
        IReadOnlyList<ZoneSnapshot> zones,
        IReadOnlyList<WorkloadSnapshot> workloads,
        IReadOnlyList<FreezeWindow> freezeWindows,
        Dictionary<string, int> zoneIndex,
        Dictionary<string, int> workloadIndex,
        int[] workloadZone)
    {
        Zones = zones;
        Workloads = workloads;
        FreezeWindows = freezeWindows;
        _zoneIndex = zoneIndex;
        _workloadIndex = workloadIndex;
        _workloadZone = workloadZone;

        var counts = new int[zones.Count];
        foreach (int z in workloadZone)
        {
            if (z >= 0)
            {
                counts[z]++;
            }
        }

        _zoneWorkloads = new int[zones.Count][];
        for (int z = 0; z < zones.Count; z++)
        {
            _zoneWorkloads[z] = new int[counts[z]];
            counts[z] = 0;
        }

        for (int w = 0; w < workloadZone.Length; w++)
        {
            int z = workloadZone[w];
            if (z >= 0)
            {
                _zoneWorkloads[z][counts[z]++] = w;
            }
        }
    }

    /// <summary>The zones, in the order given.</summary>
    public IReadOnlyList<ZoneSnapshot> Zones { get; }

    /// <summary>The workloads, in the order given.</summary>
    public IReadOnlyList<WorkloadSnapshot> Workloads { get; }

    /// <summary>Freeze and maintenance windows.</summary>
    public IReadOnlyList<FreezeWindow> FreezeWindows { get; }

    /// <summary>
    /// Validates and indexes a snapshot. Throws <see cref="ArgumentException"/> naming the first problem:
    /// duplicate or invalid ids, region codes that are not 6 digits, unset levels or planes, negative
    /// resources, target utilization outside (0, 1], over-commit below 1, or a workload in an unknown zone.
    /// </summary>
    public static CloudSnapshot Create(
        IEnumerable<ZoneSnapshot> zones,
        IEnumerable<WorkloadSnapshot> workloads,
        IEnumerable<FreezeWindow>? freezeWindows = null)
    {
        ArgumentNullException.ThrowIfNull(zones);
        ArgumentNullException.ThrowIfNull(workloads);
        ZoneSnapshot[] zoneArray = [.. zones];
        WorkloadSnapshot[] workloadArray = [.. workloads];
        FreezeWindow[] windows = freezeWindows is null ? [] : [.. freezeWindows];

        var zoneIndex = new Dictionary<string, int>(zoneArray.Length, StringComparer.Ordinal);
        for (int i = 0; i < zoneArray.Length; i++)
        {
            ZoneSnapshot z = zoneArray[i] ?? throw new ArgumentException($"zone #{i} is null", nameof(zones));
            if (!ZoneId.IsValid(z.Id))
            {
                throw new ArgumentException($"zone '{z.Id}': {ZoneId.FormatDescription}", nameof(zones));
            }

            if (!zoneIndex.TryAdd(z.Id, i))
            {
                throw new ArgumentException($"zone '{z.Id}' appears twice", nameof(zones));
            }

            if (!RegionCodes.IsValidZoneCode(z.RegionCode))
            {
                throw new ArgumentException($"zone '{z.Id}': region code '{z.RegionCode}' is not 6 digits", nameof(zones));
            }

            if (z.MlpsLevel == MlpsLevel.Unspecified || z.NetworkPlane == NetworkPlane.Unspecified)
            {
                throw new ArgumentException($"zone '{z.Id}': MLPS level and network plane must be set", nameof(zones));
            }

            if (!z.Capacity.IsNonNegative)
            {
                throw new ArgumentException($"zone '{z.Id}': capacity must not be negative", nameof(zones));
            }

            if (!(z.TargetUtilization > 0 && z.TargetUtilization <= 1.0))
            {
                throw new ArgumentException($"zone '{z.Id}': target utilization {z.TargetUtilization} is outside (0, 1]", nameof(zones));
            }

            if (!z.OverCommit.IsValid)
            {
                throw new ArgumentException($"zone '{z.Id}': over-commit ratios must be finite and at least 1.0", nameof(zones));
            }

            if (!(z.UnitCost > 0 && double.IsFinite(z.UnitCost)))
            {
                throw new ArgumentException($"zone '{z.Id}': unit cost must be positive", nameof(zones));
            }
        }

        var workloadIndex = new Dictionary<string, int>(workloadArray.Length, StringComparer.Ordinal);
        var workloadZone = new int[workloadArray.Length];
        for (int i = 0; i < workloadArray.Length; i++)
        {
            WorkloadSnapshot w = workloadArray[i] ?? throw new ArgumentException($"workload #{i} is null", nameof(workloads));
            if (string.IsNullOrWhiteSpace(w.Id) || !workloadIndex.TryAdd(w.Id, i))
            {
                throw new ArgumentException($"workload id '{w.Id}' is empty or appears twice", nameof(workloads));
            }

            if (string.IsNullOrWhiteSpace(w.TenantId))
            {
                throw new ArgumentException($"workload '{w.Id}': tenant must be set", nameof(workloads));
            }

            if (w.RequiredLevel == MlpsLevel.Unspecified || w.NetworkPlane == NetworkPlane.Unspecified)
            {
                throw new ArgumentException($"workload '{w.Id}': MLPS level and network plane must be set", nameof(workloads));
            }

            if (!w.Requests.IsNonNegative)
            {
                throw new ArgumentException($"workload '{w.Id}': requests must not be negative", nameof(workloads));
            }

            if (!(w.MigrationCost >= 0 && double.IsFinite(w.MigrationCost)))
            {
                throw new ArgumentException($"workload '{w.Id}': migration cost must be a non-negative number", nameof(workloads));
            }

            foreach (string entry in w.AllowedRegions)
            {
                if (!RegionCodes.IsValidResidencyEntry(entry))
                {
                    throw new ArgumentException($"workload '{w.Id}': residency entry '{entry}' is not 2, 4 or 6 digits", nameof(workloads));
                }
            }

            if (w.CurrentZoneId is null)
            {
                workloadZone[i] = -1;
            }
            else if (zoneIndex.TryGetValue(w.CurrentZoneId, out int z))
            {
                workloadZone[i] = z;
            }
            else
            {
                throw new ArgumentException($"workload '{w.Id}': current zone '{w.CurrentZoneId}' is unknown", nameof(workloads));
            }
        }

        foreach (FreezeWindow window in windows)
        {
            if (window.End <= window.Start)
            {
                throw new ArgumentException($"freeze window '{window.Reason}' ends before it starts", nameof(freezeWindows));
            }

            if (window.ZoneId is not null && !zoneIndex.ContainsKey(window.ZoneId))
            {
                throw new ArgumentException($"freeze window '{window.Reason}': zone '{window.ZoneId}' is unknown", nameof(freezeWindows));
            }
        }

        return new CloudSnapshot(zoneArray, workloadArray, windows, zoneIndex, workloadIndex, workloadZone);
    }

    /// <summary>The index of a zone, or -1.</summary>
    public int IndexOfZone(string zoneId) => _zoneIndex.TryGetValue(zoneId, out int i) ? i : -1;

    /// <summary>The index of a workload, or -1.</summary>
    public int IndexOfWorkload(string workloadId) => _workloadIndex.TryGetValue(workloadId, out int i) ? i : -1;

    /// <summary>The zone index a workload runs in, or -1 when unplaced.</summary>
    public int ZoneOf(int workloadIndex) => _workloadZone[workloadIndex];

    /// <summary>Indexes of the workloads running in a zone, in snapshot order.</summary>
    public IReadOnlyList<int> WorkloadsIn(int zoneIndex) => _zoneWorkloads[zoneIndex];

    /// <summary>The zone with that id; throws when unknown.</summary>
    public ZoneSnapshot Zone(string zoneId) => Zones[_zoneIndex[zoneId]];

    /// <summary>The sum of requests of the workloads running in each zone.</summary>
    public ResourceVector[] ZoneLoads()
    {
        var loads = new ResourceVector[Zones.Count];
        for (int w = 0; w < _workloadZone.Length; w++)
        {
            int z = _workloadZone[w];
            if (z >= 0)
            {
                loads[z] += Workloads[w].Requests;
            }
        }

        return loads;
    }

    /// <summary>
    /// The snapshot after a plan is carried out: each moved workload runs in its destination, with
    /// <see cref="WorkloadSnapshot.LastMovedAt"/> set to <paramref name="movedAt"/>.
    /// </summary>
    public CloudSnapshot Apply(IEnumerable<Rebalancing.Move> moves, DateTimeOffset movedAt)
    {
        ArgumentNullException.ThrowIfNull(moves);
        WorkloadSnapshot[] next = [.. Workloads];
        foreach (Rebalancing.Move move in moves)
        {
            int w = IndexOfWorkload(move.WorkloadId);
            if (w < 0)
            {
                throw new ArgumentException($"move of unknown workload '{move.WorkloadId}'", nameof(moves));
            }

            next[w] = next[w] with { CurrentZoneId = move.ToZoneId, LastMovedAt = movedAt };
        }

        return Create(Zones, next, FreezeWindows);
    }
}
