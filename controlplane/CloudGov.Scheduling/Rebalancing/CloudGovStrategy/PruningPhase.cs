using CloudGov.Scheduling.Filters;

namespace CloudGov.Scheduling.Rebalancing.CloudGovStrategy;

/// <summary>
/// Drops cooling moves a zone turned out not to need (later, larger picks can make earlier ones redundant), latest
/// first, so that every cooling move that stays is needed: taking any one back would leave its zone hot. A move that
/// a make-room move enabled is dropped only when the make-room move can be taken back too (its zone has room for the
/// workload again and nothing else of this zone's cooling used that zone since); a move that several make-room moves
/// enabled stays.
/// </summary>
internal sealed class PruningPhase(RunState run)
{
    public void PruneZone(int z, int firstMove)
    {
        if (run.IsHot(z))
        {
            return;
        }

        for (int i = run.Moves.Count - 1; i >= firstMove; i--)
        {
            PlannedMove m = run.Moves[i];
            if (m.Cancelled || m.From != z || m.Reason.Code != ReasonCodes.ZoneOverTarget)
            {
                continue;
            }

            if (!(run.Cluster.LoadOf(z) + run.Workload(m.Workload).Requests).FitsWithin(run.Limit[z]))
            {
                continue;
            }

            if (m.EnabledBy < 0)
            {
                run.Cancel(i);
            }
            else if (m.EnabledBy == i - 1 && CanTakeBackEnabler(m.EnabledBy, i, firstMove))
            {
                run.Cancel(i);
                run.Cancel(m.EnabledBy);
            }
        }
    }

    private bool CanTakeBackEnabler(int enabler, int enabled, int firstMove)
    {
        PlannedMove e = run.Moves[enabler];
        int warm = e.From;
        for (int j = firstMove; j < run.Moves.Count; j++)
        {
            PlannedMove other = run.Moves[j];
            if (j != enabler && j != enabled && !other.Cancelled && (other.From == warm || other.To == warm))
            {
                return false;
            }
        }

        var workload = run.Workload(e.Workload);
        var enabledWorkload = run.Workload(run.Moves[enabled].Workload);
        var loadWithout = run.Cluster.LoadOf(warm) - enabledWorkload.Requests + workload.Requests;
        return loadWithout.FitsWithin(run.Limit[warm])
            && (workload.AntiAffinityGroup is not { } g || run.Cluster.AntiAffinityCount(warm, g) == (enabledWorkload.AntiAffinityGroup == g ? 1 : 0));
    }
}
