using CloudGov.Domain;
using CloudGov.Scheduling.Filters;

namespace CloudGov.Scheduling.Rebalancing.CloudGovStrategy;

/// <summary>
/// Phase 2b, exchange: after cooling, a zone cooled with k moves is re-cooled with a smaller cover when that cover's
/// members find room — directly, or by <b>re-routing</b> another zone's cooling move out of the destination they need
/// (that workload goes to another zone, directly or through a make-room chain). The greedy cooling is per zone, most
/// over first, so an earlier zone may take the one destination a later zone's large workload needed, which then
/// leaves through many small moves; this pass trades those for fewer, larger ones. A trade is kept only when the
/// plan ends with fewer moves, every zone that was cooled stays cooled and every move still keeps its destination
/// under target; otherwise everything is put back as it was. Bounded by a work budget proportional to the plan's
/// cooling moves (<see cref="WorkPerCoolingMove"/>; zone probes, moves looked at, cover-search nodes), and not run
/// again on a move set it found no trade for.
/// </summary>
internal sealed class ExchangePhase(RunState run, Destinations destinations, MakeRoomPhase makeRoom, PruningPhase pruning)
{
    /// <summary>
    /// Work (a destination looked at for one workload, a move looked at for a re-route, a cover-search node) the pass
    /// may spend per active cooling move: the budget is proportional to the moves the pass could shorten.
    /// </summary>
    public const int WorkPerCoolingMove = 1_000;

    /// <summary>Work any plan with cooling moves may spend, however few they are (small clouds are searched fully).</summary>
    public const int MinWork = 20_000;

    /// <summary>Covers tried per zone (each failure bans the member that could not be placed).</summary>
    private const int CoverAttempts = 4;

    /// <summary>Workloads a make-room chain may move out of a warm zone together for a re-routed workload.</summary>
    private const int MaxEvictions = 3;

    private readonly List<int> _rerouted = [];

    private long _work;

    /// <summary>The plan's work budget: <see cref="WorkPerCoolingMove"/> × the most cooling moves seen at the start of a run.</summary>
    private long _budget;

    /// <summary>The move set when a run last found no trade: planning is deterministic, so it would find none again.</summary>
    private (int Count, long Signature)? _settledAt;

    /// <summary>Index of the first move of the current attempt: only moves before it are re-routed.</summary>
    private int _firstNew;

    /// <summary>True when some zone was re-cooled with fewer moves.</summary>
    public bool Run()
    {
        if (_settledAt == (run.ActiveMoves, run.Signature)
            || run.Moves.Exists(m => !m.Cancelled && m.Reason.Code == ReasonCodes.ImbalanceReduction))
        {
            return false; // balance moves were measured against the current loads; trade only before they exist
        }

        var zones = new List<(int Zone, int Moves)>();
        int coolingMoves = 0;
        for (int z = 0; z < run.Zones.Count; z++)
        {
            coolingMoves += run.CoolingMovesFrom(z).Moves;
            if (run.CooledSource[z] && !run.IsHot(z) && !run.Frozen[z])
            {
                int k = CoolingMovesOf(z, out bool chained);
                if (k >= 2 && !chained && !HasArrivals(z))
                {
                    zones.Add((z, k));
                }
            }
        }

        _budget = coolingMoves == 0 ? _budget : Math.Max(_budget, Math.Max(MinWork, (long)WorkPerCoolingMove * coolingMoves));

        zones.Sort(static (a, b) => a.Moves != b.Moves ? b.Moves.CompareTo(a.Moves) : a.Zone.CompareTo(b.Zone));
        bool improved = false;
        foreach (var (z, _) in zones)
        {
            if (_work >= _budget)
            {
                break;
            }

            int k = CoolingMovesOf(z, out bool chained);
            if (k >= 2 && !chained && !HasArrivals(z) && !run.IsHot(z))
            {
                improved |= TryRecool(z, k);
            }
        }

        if (!improved)
        {
            _settledAt = (run.ActiveMoves, run.Signature);
        }

        return improved;
    }

    /// <summary>Active cooling moves out of the zone; <paramref name="chained"/> when one of them came through a make-room chain.</summary>
    private int CoolingMovesOf(int z, out bool chained)
    {
        (int k, int c) = run.CoolingMovesFrom(z);
        chained = c > 0;
        return k;
    }

    private bool HasArrivals(int z) => run.ArrivalsTo(z) > 0;

    private bool TryRecool(int z, int k)
    {
        int activeBefore = run.ActiveMoves;
        int checkpoint = run.Moves.Count;
        _firstNew = checkpoint;
        var cancelled = new List<int>();
        for (int i = 0; i < run.Moves.Count; i++)
        {
            PlannedMove m = run.Moves[i];
            if (!m.Cancelled && m.From == z && m.Reason.Code == ReasonCodes.ZoneOverTarget)
            {
                run.Cancel(i);
                cancelled.Add(i);
            }
        }

        var candidates = new List<int>();
        foreach (int w in run.Snapshot.WorkloadsIn(z))
        {
            if (run.Cluster.ZoneOf(w) == z && run.CanMove(w) && !run.Workload(w).Requests.IsZero)
            {
                candidates.Add(w);
            }
        }

        ResourceVector[] requests = [.. candidates.Select(w => run.Workload(w).Requests)];
        double[] costs = [.. candidates.Select(w => run.Workload(w).MigrationCost)];
        var banned = new bool[candidates.Count];

        // Per dimension, the largest request of a cooling move that could be re-routed: a workload needs more room
        // than the most any zone of its class has plus that, or it can be placed neither directly nor by a re-route.
        ResourceVector rerouteMax = ResourceVector.Zero;
        for (int i = 0; i < checkpoint; i++)
        {
            PlannedMove m = run.Moves[i];
            if (!m.Cancelled && m.From != z && m.EnabledBy < 0 && m.Reason.Code == ReasonCodes.ZoneOverTarget)
            {
                rerouteMax = ResourceVector.Max(rerouteMax, run.Workload(m.Workload).Requests);
            }
        }

        for (int attempt = 0; attempt < CoverAttempts && _work < _budget; attempt++)
        {
            int nodeBudget = (int)Math.Min(CoverSearch.NodeBudget, _budget - _work);
            int[] cover = CoverSearch.Smallest(run.Cluster.LoadOf(z) - run.Limit[z], run.Alloc[z], requests, costs, i => MayPlace(candidates[i], rerouteMax), out int nodes, banned, maxSize: k - 1, nodeBudget: nodeBudget, countScans: true);
            _work += nodes;
            if (cover.Length == 0)
            {
                break;
            }

            _rerouted.Clear();
            int failed = PlaceCover(z, candidates, cover);
            if (failed < 0)
            {
                pruning.PruneZone(z, checkpoint);
                if (!run.IsHot(z) && run.ActiveMoves < activeBefore && !_rerouted.Exists(i => run.IsHot(run.Moves[i].From)))
                {
                    return true;
                }
            }

            Undo(checkpoint);
            if (failed < 0)
            {
                break;
            }

            banned[cover[failed]] = true;
        }

        // Nothing better: put the zone's moves back where they were.
        foreach (int i in cancelled)
        {
            run.Restore(i);
        }

        return false;
    }

    /// <summary>A necessary condition for placing the workload directly or by re-routing one move (cheap, per class).</summary>
    private bool MayPlace(int w, ResourceVector rerouteMax)
    {
        ResourceVector room = destinations.MaxRoom(destinations.ClassOf(w));
        ResourceVector req = run.Workload(w).Requests;
        return req.FitsWithin(room) || req.FitsWithin(room + rerouteMax);
    }

    /// <summary>Takes back this attempt's moves and restores the cooling moves it re-routed.</summary>
    private void Undo(int checkpoint)
    {
        run.RollbackTo(checkpoint);
        foreach (int i in _rerouted)
        {
            run.Restore(i);
        }

        _rerouted.Clear();
    }

    /// <summary>Places every member of the cover (largest first); -1 when all moved, else the index in <paramref name="cover"/> of the first that could not.</summary>
    private int PlaceCover(int z, List<int> candidates, int[] cover)
    {
        int[] order = [.. Enumerable.Range(0, cover.Length).OrderByDescending(i => run.Workload(candidates[cover[i]]).Requests.DominantRatioOf(run.Alloc[z])).ThenBy(i => i)];
        foreach (int i in order)
        {
            if (!run.IsHot(z))
            {
                return -1;
            }

            int w = candidates[cover[i]];
            if (!run.CanMove(w) || !run.BudgetAllows(z) || !(PlaceDirect(w, z) || PlaceByReroute(w, z)))
            {
                return i;
            }
        }

        return run.IsHot(z) ? 0 : -1;
    }

    private bool PlaceDirect(int w, int z)
    {
        _work += destinations.ZonesOf(destinations.ClassOf(w)).Count;
        int to = destinations.Find(w, z);
        if (to < 0)
        {
            return false;
        }

        Apply(w, z, to);
        return true;
    }

    /// <summary>
    /// Frees a destination for <paramref name="w"/> by re-routing one cooling move out of it: the other zone's workload
    /// v is taken out of D (its move cancelled, so v is back in its hot source), w moves into D, then v leaves its
    /// source again for another zone (directly or through a make-room chain). Only moves that no chain depends on, from
    /// sources nothing moves into, are re-routed, so every other move of the plan keeps the room it was planned with.
    /// </summary>
    private bool PlaceByReroute(int w, int z)
    {
        ResourceVector req = run.Workload(w).Requests;
        int cls = destinations.ClassOf(w);
        for (int i = 0; i < _firstNew && _work < _budget; i++)
        {
            _work++;
            PlannedMove m = run.Moves[i];
            int d = m.To;
            if (m.Cancelled || d == z || m.From == z || m.EnabledBy >= 0 || m.Reason.Code != ReasonCodes.ZoneOverTarget
                || !destinations.InClass(cls, d) || run.IsHot(d)
                || !req.FitsWithin(run.Limit[d] - run.Cluster.LoadOf(d) + run.Workload(m.Workload).Requests)
                || IsEnabler(i) || HasArrivals(m.From))
            {
                continue;
            }

            if (TryReroute(w, z, d, i))
            {
                _rerouted.Add(i);
                return true;
            }
        }

        return false;
    }

    private bool IsEnabler(int index) => run.IsEnabler(index);

    private bool TryReroute(int w, int z, int d, int index)
    {
        PlannedMove m = run.Moves[index];
        int v = m.Workload, source = m.From;
        int checkpoint = run.Moves.Count;
        run.Cancel(index);
        if (destinations.CanReceive(w, z, d))
        {
            Apply(w, z, d);
            if (!run.IsHot(source))
            {
                return true; // v's move was not needed any more: the trade drops it
            }

            _work += destinations.ZonesOf(destinations.ClassOf(v)).Count;
            int to = run.CanMove(v) ? destinations.Find(v, source, exclude: d) : -1;
            if (to >= 0)
            {
                Apply(v, source, to);
                return true;
            }

            if (run.CanMove(v) && makeRoom.AttemptsLeft(source) > 0 && makeRoom.TryPlace(v, source, MaxEvictions))
            {
                return true;
            }
        }

        run.RollbackTo(checkpoint);
        run.Restore(index);
        return false;
    }

    private int Apply(int w, int z, int to) =>
        run.Apply(w, z, to, ReasonTexts.Cooling(run.Zones[z].Id, run.Cluster.DominantUtilization(z), run.Zones[z].TargetUtilization, run.Zones[to].Id));
}
