using CloudGov.Domain;

namespace CloudGov.Scheduling.Rebalancing.CloudGovStrategy;

/// <summary>
/// Chained covers: when no cover of a hot zone's excess has only members with a direct destination (the zones they may
/// use are full — a city's one warm zone filled by another hot zone of the city, a full tier), the greedy loop cools
/// it with many small workloads and make-room chains. Here one or two of the zone's largest workloads without a direct
/// destination leave first through make-room chains, and a direct cover of what is left follows, placed together with
/// backtracking; the try that cools the zone with the fewest moves (chains included) replaces what cooling planned,
/// when it has fewer moves. Bounded: the <see cref="ChainedMembers"/> largest such workloads, alone and in pairs, and
/// <see cref="ChainedTrialsPerPlan"/> tries per plan.
/// </summary>
internal sealed partial class CoolingPhase
{
    /// <summary>The workloads without a direct destination tried as a chained member (alone and in pairs): 6 and 15 tries.</summary>
    private const int ChainedMembers = 6;

    /// <summary>Evictions one chained member's make-room chain may take out of its warm zone.</summary>
    private const int ChainEvictions = 3;

    /// <summary>Below this many moves a chained cover (at least one chain of two plus a cover) cannot do better.</summary>
    private const int ChainedMinimum = 4;

    /// <summary>Tried only when cooling planned at least this many moves more than the zone's smallest cover of any workloads.</summary>
    private const int ChainedGap = 3;

    /// <summary>
    /// Tries (each: a chain or two, a cover search, a placement) per plan, over all zones, most-over zone first: a try in a
    /// full pool costs a scan of every warm zone's workloads, so without a cap a tiered 100,000 × 200 cloud spent half a
    /// second here. Measured: 16 find every move that 64 found on every instance of the benchmark, and `tiered`
    /// 100,000×200 (whose first, most-over-first plan spends the tries on zones a second plan then cools with fewer
    /// moves) takes 97–134 ms instead of 214 ms.
    /// </summary>
    private const int ChainedTrialsPerPlan = 16;

    private int _chainedTrials;

    private void ChainedCover(int z, List<int> candidates, ResourceVector[] requests, double[] costs, ResourceVector excess, int firstMove, int chainsBefore)
    {
        bool cooled = !run.IsHot(z);
        int planned = ActiveSince(firstMove);
        if ((cooled && planned <= ChainedMinimum) || _chainedTrials >= ChainedTrialsPerPlan)
        {
            return;
        }

        // Worth trying only where the plan is well above the fewest workloads that could clear the excess at all (in
        // any zone with room or not): a chained cover needs at least that many moves plus one.
        int fewest = CoverSearch.Smallest(excess, run.Alloc[z], requests, costs, i => destinations.ZonesOf(destinations.ClassOf(candidates[i])).Count > 1, out _, nodeBudget: SearchWork, countScans: true).Length;
        if (fewest == 0 || (cooled && planned < fewest + ChainedGap))
        {
            return;
        }

        List<PlannedMove> kept = run.Moves.GetRange(firstMove, run.Moves.Count - firstMove);
        int chainsAfter = makeRoom.Used(z);
        run.RollbackTo(firstMove);

        // In the state before the zone's cooling: its largest workloads (by the share of the excess they cover) that
        // have no direct destination now.
        ResourceVector alloc = run.Alloc[z];
        var chained = new List<(int Index, double Cover)>();
        for (int i = 0; i < candidates.Count; i++)
        {
            int w = candidates[i];
            if (destinations.ZonesOf(destinations.ClassOf(w)).Count > 1 && !destinations.HasAny(w, z))
            {
                chained.Add((i, CoverShare(run.Workload(w).Requests, excess, alloc)));
            }
        }

        chained.Sort(static (a, b) => a.Cover != b.Cover ? b.Cover.CompareTo(a.Cover) : a.Index.CompareTo(b.Index));
        int top = Math.Min(ChainedMembers, chained.Count);
        int[]? best = null;
        int bestMoves = cooled ? planned : int.MaxValue;
        for (int a = 0; a < top; a++)
        {
            for (int b = a; b < top && _chainedTrials < ChainedTrialsPerPlan; b++)
            {
                _chainedTrials++;
                int[] members = a == b ? [chained[a].Index] : [chained[a].Index, chained[b].Index];
                int moves = TryChained(z, candidates, requests, costs, members, firstMove, chainsBefore);
                if (moves < bestMoves)
                {
                    (best, bestMoves) = (members, moves);
                }
            }
        }

        if (best is not null && TryChained(z, candidates, requests, costs, best, firstMove, chainsBefore, keep: true) == bestMoves)
        {
            return;
        }

        // Nothing better: the plan as cooling made it.
        run.RollbackTo(firstMove);
        run.Reapply(kept);
        makeRoom.SetUsed(z, chainsAfter);
    }

    /// <summary>
    /// Moves <paramref name="members"/> out through make-room chains, then a direct cover of the rest of the excess; the
    /// moves it took when the zone cooled (int.MaxValue when not). Taken back unless <paramref name="keep"/>.
    /// </summary>
    private int TryChained(int z, List<int> candidates, ResourceVector[] requests, double[] costs, int[] members, int firstMove, int chainsBefore, bool keep = false)
    {
        makeRoom.SetUsed(z, chainsBefore);
        int moves = int.MaxValue;
        if (PlaceChained(z, candidates, requests, costs, members))
        {
            pruning.PruneZone(z, firstMove);
            if (!run.IsHot(z))
            {
                moves = ActiveSince(firstMove);
            }
        }

        if (!keep || moves == int.MaxValue)
        {
            run.RollbackTo(firstMove);
        }

        return moves;
    }

    private bool PlaceChained(int z, List<int> candidates, ResourceVector[] requests, double[] costs, int[] members)
    {
        foreach (int i in members)
        {
            if (!run.IsHot(z))
            {
                return true;
            }

            int w = candidates[i];
            if (!run.CanMove(w))
            {
                return false;
            }

            // An earlier member's chain may have freed room enough for this one.
            int to = destinations.Find(w, z);
            if (to >= 0)
            {
                Apply(w, z, to);
            }
            else if (!makeRoom.TryPlace(w, z, ChainEvictions))
            {
                return false;
            }
        }

        if (!run.IsHot(z))
        {
            return true;
        }

        var usable = new sbyte[candidates.Count];
        int[] cover = CoverSearch.Smallest(
            run.Cluster.LoadOf(z) - run.Limit[z], run.Alloc[z], requests, costs,
            i => usable[i] != 0 ? usable[i] > 0 : (usable[i] = run.Cluster.ZoneOf(candidates[i]) == z && destinations.HasAny(candidates[i], z) ? (sbyte)1 : (sbyte)-1) > 0,
            out _, nodeBudget: SearchWork, countScans: true);
        int budget = PlacementBudget, deepest = 0;
        return cover.Length > 0 && PlaceAll(z, candidates, cover, 0, ref budget, ref deepest);
    }

    private int ActiveSince(int firstMove)
    {
        int n = 0;
        for (int i = firstMove; i < run.Moves.Count; i++)
        {
            n += run.Moves[i].Cancelled ? 0 : 1;
        }

        return n;
    }
}
