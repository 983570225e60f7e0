using CloudGov.Domain;
using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;

namespace CloudGov.Scheduling.Rebalancing.CloudGovStrategy;

/// <summary>
/// Where a workload may go: its eligibility class (workloads with the same level, plane and residency see the same
/// statically eligible zones), the zones of each class, and the best destination under every filter that keeps the
/// destination under its own target.
/// </summary>
internal sealed class Destinations
{
    private readonly RunState _run;
    private readonly int[] _classByKey;
    private readonly List<bool[]> _eligible = [];
    private readonly List<int[]> _classZones = [];
    private readonly int[] _classOf;
    private readonly List<(int Version, ResourceVector Room)> _maxRoom = [];

    public Destinations(RunState run)
    {
        _run = run;
        _classOf = new int[run.Snapshot.Workloads.Count];
        Array.Fill(_classOf, -1);
        _classByKey = new int[run.Snapshot.EligibilityKeyCount];
        Array.Fill(_classByKey, -1);
    }

    /// <summary>The eligibility class of a workload (computed once per class).</summary>
    public int ClassOf(int w)
    {
        if (_classOf[w] >= 0)
        {
            return _classOf[w];
        }

        int key = _run.Snapshot.EligibilityKeyOf(w);
        int c = _classByKey[key];
        if (c < 0)
        {
            WorkloadSnapshot workload = _run.Workload(_run.Snapshot.RepresentativeOf(key));
            var eligible = new bool[_run.Zones.Count];
            var zones = new List<int>();
            for (int z = 0; z < _run.Zones.Count; z++)
            {
                eligible[z] = _run.Filters.AdmitsStatic(new FilterContext(workload, z, _run.Zones[z], _run.Cluster, IsMigration: true));
                if (eligible[z] && !_run.Frozen[z] && !_run.Alloc[z].IsZero)
                {
                    zones.Add(z);
                }
            }

            c = _eligible.Count;
            _eligible.Add(eligible);
            _classZones.Add([.. zones]);
            _classByKey[key] = c;
        }

        _classOf[w] = c;
        return c;
    }

    /// <summary>How many eligibility classes there can be (an upper bound on every <see cref="ClassOf"/>).</summary>
    public int ClassCount => _classByKey.Length;

    /// <summary>The zones a class may be placed in (static filters pass, not frozen, some allocatable capacity).</summary>
    public IReadOnlyList<int> ZonesOf(int eligibilityClass) => _classZones[eligibilityClass];

    /// <summary>
    /// Per dimension, the most room (target limit − load) any zone of the class has now: a request that does not fit
    /// within it has no direct destination (cheap necessary test before <see cref="Find"/>). Cached per state version.
    /// </summary>
    public ResourceVector MaxRoom(int eligibilityClass)
    {
        while (_maxRoom.Count <= eligibilityClass)
        {
            _maxRoom.Add((-1, default));
        }

        if (_maxRoom[eligibilityClass].Version == _run.Version)
        {
            return _maxRoom[eligibilityClass].Room;
        }

        var room = new ResourceVector(long.MinValue, long.MinValue, long.MinValue, long.MinValue);
        foreach (int z in _classZones[eligibilityClass])
        {
            room = ResourceVector.Max(room, _run.Limit[z] - _run.Cluster.LoadOf(z));
        }

        _maxRoom[eligibilityClass] = (_run.Version, room);
        return room;
    }

    /// <summary>False when the workload certainly has no direct destination now (see <see cref="MaxRoom"/>).</summary>
    public bool MayFit(int w) => _run.Workload(w).Requests.FitsWithin(MaxRoom(ClassOf(w)));

    /// <summary>True when the zone is one of the class's zones (<see cref="ZonesOf"/>).</summary>
    public bool InClass(int eligibilityClass, int z) => _eligible[eligibilityClass][z] && !_run.Frozen[z] && !_run.Alloc[z].IsZero;

    /// <summary>True when the static filters admit the workload into the zone.</summary>
    public bool StaticallyEligible(int w, int z) => _eligible[ClassOf(w)][z];

    /// <summary>
    /// True when the workload may move from <paramref name="from"/> into <paramref name="z"/> now: another zone,
    /// statically eligible, not frozen, under its target after the move, and every state-dependent filter admits it.
    /// </summary>
    public bool CanReceive(int w, int from, int z) => CanReceive(_run.Workload(w), _eligible[ClassOf(w)], from, z);

    /// <summary>
    /// <see cref="CanReceive(int, int, int)"/> with the workload and its class's eligibility row read once by the caller
    /// (the scans below ask it for every zone of the class, once per move looked for).
    /// </summary>
    private bool CanReceive(WorkloadSnapshot workload, bool[] eligible, int from, int z)
    {
        if (z == from || !eligible[z] || _run.Frozen[z])
        {
            return false;
        }

        if (!(_run.Cluster.LoadOf(z) + workload.Requests).FitsWithin(_run.Limit[z]))
        {
            return false;
        }

        return _run.Filters.AdmitsDynamic(new FilterContext(workload, z, _run.Zones[z], _run.Cluster, IsMigration: true, _run.Zones[from]));
    }

    /// <summary>True when <see cref="Find"/> would find a zone (no balance limit): stops at the first zone that can receive the workload, scoring none.</summary>
    public bool HasAny(int w, int from, int exclude = -1)
    {
        if (!MayFit(w))
        {
            return false;
        }

        int c = ClassOf(w);
        WorkloadSnapshot workload = _run.Workload(w);
        bool[] eligible = _eligible[c];
        foreach (int z in _classZones[c])
        {
            if (z != exclude && CanReceive(workload, eligible, from, z))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The best-scoring zone that <see cref="CanReceive"/> the workload and (for balance moves) ends below
    /// <paramref name="maxDominantAfter"/>, skipping <paramref name="exclude"/>; -1 when none.
    /// </summary>
    public int Find(int w, int from, double maxDominantAfter = double.PositiveInfinity, int exclude = -1)
    {
        if (!MayFit(w))
        {
            return -1;
        }

        WorkloadSnapshot workload = _run.Workload(w);
        int c = ClassOf(w);
        bool[] eligible = _eligible[c];
        int best = -1;
        double bestScore = double.NegativeInfinity;
        foreach (int z in _classZones[c])
        {
            if (z == exclude || !CanReceive(workload, eligible, from, z))
            {
                continue;
            }

            if (maxDominantAfter < double.PositiveInfinity
                && (_run.Cluster.LoadOf(z) + workload.Requests).DominantRatioOf(_run.Alloc[z]) >= maxDominantAfter)
            {
                continue;
            }

            double score = _run.Scores.Total(new FilterContext(workload, z, _run.Zones[z], _run.Cluster, IsMigration: true, _run.Zones[from]));
            if (score > bestScore + 1e-12)
            {
                best = z;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>Every zone that could take the workload now (as <see cref="Find"/>), best score first, ties by zone order.</summary>
    public List<int> Rank(int w, int from)
    {
        WorkloadSnapshot workload = _run.Workload(w);
        if (!MayFit(w))
        {
            return [];
        }

        var ranked = new List<(int Zone, double Score)>();
        int c = ClassOf(w);
        bool[] eligible = _eligible[c];
        foreach (int z in _classZones[c])
        {
            if (CanReceive(workload, eligible, from, z))
            {
                ranked.Add((z, _run.Scores.Total(new FilterContext(workload, z, _run.Zones[z], _run.Cluster, IsMigration: true, _run.Zones[from]))));
            }
        }

        ranked.Sort(static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Zone.CompareTo(b.Zone));
        return [.. ranked.Select(r => r.Zone)];
    }
}
