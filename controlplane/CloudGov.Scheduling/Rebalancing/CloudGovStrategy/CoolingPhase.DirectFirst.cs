using CloudGov.Domain;

namespace CloudGov.Scheduling.Rebalancing.CloudGovStrategy;

/// <summary>
/// Direct moves before chains: the greedy loop sends a workload with no direct destination through a make-room chain at
/// once, which costs at least two moves. Where the zone's other workloads could leave directly (a workload that may
/// leave its city, while the city's room went to another hot zone), that spends moves and the room other zones of the
/// city need. So when the greedy loop cooled a zone through a chain, it runs again with chains deferred: a workload
/// without a direct destination waits, and goes through its chain only once it covers more than
/// <see cref="ChainRatios"/> × as much of the excess as the best workload that can leave directly. The run that cools
/// the zone with the fewest moves, chains included, is kept (the first on a tie). Bounded by
/// <see cref="DirectFirstRunsPerPlan"/> extra runs per plan.
/// </summary>
internal sealed partial class CoolingPhase
{
    /// <summary>
    /// How much more of the excess a deferred workload must cover than the best direct one before its chain is used, one
    /// extra greedy run per ratio. Measured (`citylocked` 20,000×100): 138 moves with chains at once, 132 with 1.5
    /// alone, 131 with these two; 2 and 3 added nothing.
    /// </summary>
    private static readonly double[] ChainRatios = [1.25, 1.5];

    /// <summary>
    /// Extra greedy runs per plan, over all zones, most-over zone first: a run in a full tier scans every warm zone's
    /// workloads for chains (`tiered` 100,000×200: 8 runs find every move these find uncapped, at about 10 % more plan
    /// time instead of 60–90 %).
    /// </summary>
    private const int DirectFirstRunsPerPlan = 8;

    private int _directFirstRuns;

    /// <summary>
    /// If the greedy loop (from <paramref name="start"/>, the state after the exact cover) cooled the zone through a
    /// make-room chain, runs it again with chains deferred (<see cref="ChainRatios"/>) and keeps the run with the fewest
    /// moves since <paramref name="firstMove"/>.
    /// </summary>
    private void DirectFirstVariants(int z, List<int> candidates, int firstMove, GreedyStart start)
    {
        if (run.IsHot(z) || !HasChainSince(firstMove))
        {
            return;
        }

        int best = ActiveSince(firstMove);
        List<PlannedMove> kept = run.Moves.GetRange(firstMove, run.Moves.Count - firstMove);
        int chainsKept = makeRoom.Used(z);
        bool changed = false;
        foreach (double ratio in ChainRatios)
        {
            if (_directFirstRuns >= DirectFirstRunsPerPlan)
            {
                break;
            }

            _directFirstRuns++;
            changed = true;
            run.RollbackTo(firstMove);
            run.Reapply(start.Moves);
            makeRoom.SetUsed(z, start.ChainsUsed);
            _noDestination = (bool[])start.NoDestination.Clone();
            GreedyLoop(z, candidates, (bool[])start.Tried.Clone(), ratio);
            pruning.PruneZone(z, firstMove);
            int moves = run.IsHot(z) ? int.MaxValue : ActiveSince(firstMove);
            if (moves < best)
            {
                best = moves;
                kept = run.Moves.GetRange(firstMove, run.Moves.Count - firstMove);
                chainsKept = makeRoom.Used(z);
            }
        }

        if (changed)
        {
            run.RollbackTo(firstMove);
            run.Reapply(kept);
            makeRoom.SetUsed(z, chainsKept);
        }
    }

    private bool HasChainSince(int firstMove)
    {
        for (int i = firstMove; i < run.Moves.Count; i++)
        {
            if (!run.Moves[i].Cancelled && run.Moves[i].EnabledBy >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Removes and returns the deferred candidate covering the most of the excess; -1 when none covers any.</summary>
    private static int TakeDeferred(List<int> deferred, ResourceVector[] requests, ResourceVector excess, ResourceVector alloc)
    {
        int best = -1;
        double bestCover = 0;
        foreach (int i in deferred)
        {
            double cover = CoverShare(requests[i], excess, alloc);
            if (cover > bestCover)
            {
                (best, bestCover) = (i, cover);
            }
        }

        if (best >= 0)
        {
            deferred.Remove(best);
        }

        return best;
    }

    /// <summary>
    /// Moves a deferred workload out of the zone: directly if room appeared since it was deferred, else through a
    /// make-room chain. True when it moved.
    /// </summary>
    private bool PlaceDeferred(int z, int w)
    {
        if (!run.CanMove(w))
        {
            return false;
        }

        int to = destinations.Find(w, z);
        if (to >= 0)
        {
            Apply(w, z, to);
            return true;
        }

        if (makeRoom.AttemptsLeft(z) > 0 && makeRoom.TryPlace(w, z))
        {
            Array.Clear(_noDestination);
            return true;
        }

        return false;
    }

    /// <summary>Where the greedy loop starts: the exact cover's moves, and what it had tried and found without a destination.</summary>
    private sealed record GreedyStart(List<PlannedMove> Moves, bool[] Tried, bool[] NoDestination, int ChainsUsed);
}
