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
    private readonly ResourceVector[] _requests;
    private readonly bool[] _movable;
    private readonly int[] _eligibilityKey;
    private readonly int[] _keyRepresentative;
    private readonly int[] _grouped;

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

        // Columns the planners read for every workload, so a plan's passes over all workloads stay in compact arrays.
        _requests = new ResourceVector[workloads.Count];
        _movable = new bool[workloads.Count];
        _eligibilityKey = new int[workloads.Count];
        var keys = new Dictionary<EligibilityKey, int>(EligibilityKeyComparer.Instance);
        var representatives = new List<int>();
        var grouped = new List<int>();
        for (int w = 0; w < workloads.Count; w++)
        {
            WorkloadSnapshot workload = workloads[w];
            _requests[w] = workload.Requests;
            _movable[w] = workload.Movable;
            var key = new EligibilityKey(workload.RequiredLevel, workload.NetworkPlane, workload.AllowedRegions);
            if (!keys.TryGetValue(key, out int k))
            {
                k = representatives.Count;
                keys[key] = k;
                representatives.Add(w);
            }

            _eligibilityKey[w] = k;
            if (workload.AntiAffinityGroup is not null && workloadZone[w] >= 0)
            {
                grouped.Add(w);
            }
        }

        _keyRepresentative = [.. representatives];
        _grouped = [.. grouped];
    }

    /// <summary>The zones, in the order given.</summary>
    public IReadOnlyList<ZoneSnapshot> Zones { get; }

    /// <summary>The workloads, in the order given.</summary>
    public IReadOnlyList<WorkloadSnapshot> Workloads { get; }

    /// <summary>Freeze and maintenance windows.</summary>
    public IReadOnlyList<FreezeWindow> FreezeWindows { get; }

    /// <summary>
    /// Validates and indexes a snapshot. Throws <see cref="SnapshotValidationException"/> (an
    /// <see cref="ArgumentException"/>) naming the first problem — its <see cref="SnapshotValidationException.Problem"/>
    /// gives the item's kind, id and field: every per-item rule of <see cref="SnapshotValidator"/> (ids, region codes,
    /// defined levels, planes, statuses, amounts within <see cref="SnapshotLimits"/>, targets, over-commit, blank
    /// anti-affinity groups, residency entries), duplicate ids, a workload in an unknown zone, more than
    /// <see cref="SnapshotLimits.MaxZones"/> zones or <see cref="SnapshotLimits.MaxWorkloads"/> workloads, and freeze
    /// windows that end before they start or name an unknown zone.
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
        if (zoneArray.Length > SnapshotLimits.MaxZones)
        {
            throw Invalid(SnapshotItemKind.Snapshot, "", "Zones", $"a snapshot holds at most {SnapshotLimits.MaxZones} zones");
        }

        if (workloadArray.Length > SnapshotLimits.MaxWorkloads)
        {
            throw Invalid(SnapshotItemKind.Snapshot, "", "Workloads", $"a snapshot holds at most {SnapshotLimits.MaxWorkloads} workloads");
        }

        var zoneIndex = new Dictionary<string, int>(zoneArray.Length, StringComparer.Ordinal);
        for (int i = 0; i < zoneArray.Length; i++)
        {
            if (SnapshotValidator.Zone(zoneArray[i]) is { } problem)
            {
                throw new SnapshotValidationException(problem);
            }

            ZoneSnapshot z = zoneArray[i];
            if (!zoneIndex.TryAdd(z.Id, i))
            {
                throw Invalid(SnapshotItemKind.Zone, z.Id, nameof(ZoneSnapshot.Id), "zone id appears twice");
            }
        }

        var workloadIndex = new Dictionary<string, int>(workloadArray.Length, StringComparer.Ordinal);
        var workloadZone = new int[workloadArray.Length];
        for (int i = 0; i < workloadArray.Length; i++)
        {
            if (SnapshotValidator.Workload(workloadArray[i]) is { } problem)
            {
                throw new SnapshotValidationException(problem);
            }

            WorkloadSnapshot w = workloadArray[i];
            if (!workloadIndex.TryAdd(w.Id, i))
            {
                throw Invalid(SnapshotItemKind.Workload, w.Id, nameof(WorkloadSnapshot.Id), "workload id appears twice");
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
                throw Invalid(SnapshotItemKind.Workload, w.Id, nameof(WorkloadSnapshot.CurrentZoneId), "current zone is unknown");
            }
        }

        foreach (FreezeWindow window in windows)
        {
            if (window.End <= window.Start)
            {
                throw Invalid(SnapshotItemKind.FreezeWindow, window.Reason ?? "", nameof(FreezeWindow.End), "freeze window ends before it starts");
            }

            if (window.ZoneId is not null && !zoneIndex.ContainsKey(window.ZoneId))
            {
                throw Invalid(SnapshotItemKind.FreezeWindow, window.Reason ?? "", nameof(FreezeWindow.ZoneId), "freeze window names an unknown zone");
            }
        }

        return new CloudSnapshot(zoneArray, workloadArray, windows, zoneIndex, workloadIndex, workloadZone);
    }

    private static SnapshotValidationException Invalid(SnapshotItemKind kind, string id, string field, string message) =>
        new(new SnapshotProblem(kind, id, field, message));

    /// <summary>The index of a zone, or -1.</summary>
    public int IndexOfZone(string zoneId) => _zoneIndex.TryGetValue(zoneId, out int i) ? i : -1;

    /// <summary>The index of a workload, or -1.</summary>
    public int IndexOfWorkload(string workloadId) => _workloadIndex.TryGetValue(workloadId, out int i) ? i : -1;

    /// <summary>The zone index a workload runs in, or -1 when unplaced.</summary>
    public int ZoneOf(int workloadIndex) => _workloadZone[workloadIndex];

    /// <summary>Indexes of the workloads running in a zone, in snapshot order.</summary>
    public IReadOnlyList<int> WorkloadsIn(int zoneIndex) => _zoneWorkloads[zoneIndex];

    /// <summary>A workload's requests (the same as <c>Workloads[w].Requests</c>, from a compact column).</summary>
    internal ResourceVector RequestsOf(int workloadIndex) => _requests[workloadIndex];

    /// <summary>A workload's <see cref="WorkloadSnapshot.Movable"/>, from a compact column.</summary>
    internal bool IsMovable(int workloadIndex) => _movable[workloadIndex];

    /// <summary>
    /// Workloads with equal keys have the same required level, network plane and allowed regions (in order), so the
    /// static filters admit them into the same zones. Keys are 0 … <see cref="EligibilityKeyCount"/> − 1.
    /// </summary>
    internal int EligibilityKeyOf(int workloadIndex) => _eligibilityKey[workloadIndex];

    /// <summary>How many distinct eligibility keys the workloads have.</summary>
    internal int EligibilityKeyCount => _keyRepresentative.Length;

    /// <summary>The first workload with the key.</summary>
    internal int RepresentativeOf(int eligibilityKey) => _keyRepresentative[eligibilityKey];

    /// <summary>The placed workloads that belong to an anti-affinity group, in snapshot order.</summary>
    internal IReadOnlyList<int> GroupedWorkloads => _grouped;

    /// <summary>The zone with that id; throws when unknown.</summary>
    public ZoneSnapshot Zone(string zoneId) => Zones[_zoneIndex[zoneId]];

    /// <summary>
    /// The sum of requests of the workloads running in each zone, with checked arithmetic (the ceilings of
    /// <see cref="SnapshotLimits"/> keep every such sum below 2^61).
    /// </summary>
    public ResourceVector[] ZoneLoads()
    {
        var loads = new ResourceVector[Zones.Count];
        for (int w = 0; w < _workloadZone.Length; w++)
        {
            int z = _workloadZone[w];
            if (z >= 0)
            {
                loads[z] = CheckedSum.Add(loads[z], _requests[w]);
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

    private readonly record struct EligibilityKey(MlpsLevel Level, NetworkPlane Plane, IReadOnlyList<string> Regions);

    private sealed class EligibilityKeyComparer : IEqualityComparer<EligibilityKey>
    {
        public static readonly EligibilityKeyComparer Instance = new();

        public bool Equals(EligibilityKey x, EligibilityKey y)
        {
            if (x.Level != y.Level || x.Plane != y.Plane || x.Regions.Count != y.Regions.Count)
            {
                return false;
            }

            if (ReferenceEquals(x.Regions, y.Regions))
            {
                return true;
            }

            for (int i = 0; i < x.Regions.Count; i++)
            {
                if (!string.Equals(x.Regions[i], y.Regions[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        public int GetHashCode(EligibilityKey key)
        {
            var hash = new HashCode();
            hash.Add(key.Level);
            hash.Add(key.Plane);
            for (int i = 0; i < key.Regions.Count; i++)
            {
                hash.Add(key.Regions[i], StringComparer.Ordinal);
            }

            return hash.ToHashCode();
        }
    }
}
