using CloudGov.Domain;

namespace CloudGov.Scheduling.Rebalancing.CloudGovStrategy;

/// <summary>
/// Make-room chains of two, used by cooling when a hot zone's workload has no direct destination: move a workload
/// <c>m</c> out of a warm zone W (W under target, not cooled in this plan) into a zone X that stays under target, so that
/// the hot zone's workload then fits in W. Both steps keep make-before-break safe: each destination is under its
/// target when the workload arrives, and the hot zone only loses load. Bounded: a few attempts per hot zone, a few
/// zones W per attempt, a few workloads m per zone W.
/// </summary>
internal sealed class MakeRoomPhase(RunState run, Destinations destinations)
{
    /// <summary>Workloads of one hot zone for which a chain is looked for, over the whole run.</summary>
    private const int AttemptsPerZone = 16;

    /// <summary>Warm zones tried per workload, least need first.</summary>
    private const int ZonesPerAttempt = 8;

    /// <summary>Workloads of a warm zone (cheapest that free enough first) whose destination is looked for.</summary>
    private const int EvictionsPerZone = 4;

    private readonly Dictionary<int, int> _attempts = [];

    /// <summary>How many chains were looked for on behalf of the zone so far.</summary>
    public int Used(int z) => _attempts.GetValueOrDefault(z);

    /// <summary>Sets <see cref="Used"/> back: cooling tries alternatives and keeps one, as if the others had not been tried.</summary>
    public void SetUsed(int z, int used) => _attempts[z] = used;

    /// <summary>How many more chains may be looked for on behalf of the zone (0 when make-room is off).</summary>
    public int AttemptsLeft(int z) => run.Options.MakeRoom ? AttemptsPerZone - _attempts.GetValueOrDefault(z) : 0;

    /// <summary>
    /// Tries to move <paramref name="w"/> out of hot zone <paramref name="z"/> through a chain of two; true when both
    /// moves were applied (the make-room move first, then the cooling move, which names it as its enabler). With
    /// <paramref name="maxEvictions"/> &gt; 1 (the exchange pass, which keeps a trade only when the plan gets shorter),
    /// up to that many workloads may leave the warm zone together when no single one frees enough; they come first, in
    /// a row, and the cooling move names the first of them.
    /// </summary>
    public bool TryPlace(int w, int z, int maxEvictions = 1)
    {
        if (!run.Options.MakeRoom || !run.BudgetAllows(z, extra: 2))
        {
            return false;
        }

        int attempts = _attempts.GetValueOrDefault(z);
        if (attempts >= AttemptsPerZone)
        {
            return false;
        }

        _attempts[z] = attempts + 1;
        HotWorkload h = new(run.Workload(w).Requests, run.Workload(w).AntiAffinityGroup);
        var warm = new List<(int Zone, double Need, ResourceVector NeedVector)>();
        foreach (int candidate in destinations.ZonesOf(destinations.ClassOf(w)))
        {
            if (candidate == z || run.IsHot(candidate) || !run.IsSource(candidate)
                || (h.Group is { } g && run.Cluster.AntiAffinityCount(candidate, g) > 0))
            {
                continue;
            }

            ResourceVector need = run.Cluster.LoadOf(candidate) + h.Requests - run.Limit[candidate];
            double normalized = 0;
            bool positive = false;
            for (int d = 0; d < ResourceVector.Dimensions; d++)
            {
                if (need[d] > 0)
                {
                    positive = true;
                    normalized += (double)need[d] / Math.Max(1, run.Alloc[candidate][d]);
                }
            }

            if (positive)
            {
                warm.Add((candidate, normalized, need));
            }
        }

        warm.Sort(static (a, b) => a.Need != b.Need ? a.Need.CompareTo(b.Need) : a.Zone.CompareTo(b.Zone));
        for (int i = 0; i < warm.Count && i < ZonesPerAttempt; i++)
        {
            if (TryThrough(w, z, warm[i].Zone, warm[i].NeedVector) || (maxEvictions > 1 && TryThroughSeveral(w, z, warm[i].Zone, warm[i].NeedVector, maxEvictions)))
            {
                return true;
            }
        }

        return false;
    }

    private bool TryThrough(int w, int z, int warm, ResourceVector need)
    {
        if (!run.BudgetAllows(warm))
        {
            return false;
        }

        var evictable = new List<(int Workload, double Cost, double Size)>();
        foreach (int m in run.Snapshot.WorkloadsIn(warm))
        {
            if (run.Cluster.ZoneOf(m) != warm || !run.CanMove(m))
            {
                continue;
            }

            ResourceVector req = run.Workload(m).Requests;
            bool covers = true;
            double size = 0;
            for (int d = 0; d < ResourceVector.Dimensions; d++)
            {
                covers &= need[d] <= 0 || req[d] >= need[d];
                size += (double)req[d] / Math.Max(1, run.Alloc[warm][d]);
            }

            if (covers)
            {
                evictable.Add((m, run.Workload(m).MigrationCost, size));
            }
        }

        evictable.Sort(static (a, b) => a.Cost != b.Cost ? a.Cost.CompareTo(b.Cost) : a.Size != b.Size ? a.Size.CompareTo(b.Size) : a.Workload.CompareTo(b.Workload));
        for (int i = 0; i < evictable.Count && i < EvictionsPerZone; i++)
        {
            int m = evictable[i].Workload;
            int to = destinations.Find(m, warm, exclude: z);
            if (to < 0)
            {
                continue;
            }

            int first = run.Apply(m, warm, to, ReasonTexts.MakeRoom(run.Zones[warm].Id, run.Zones[to].Id, run.Workload(w).Id, run.Zones[z].Id));
            if (destinations.CanReceive(w, z, warm))
            {
                run.Apply(w, z, warm, ReasonTexts.Cooling(run.Zones[z].Id, run.Cluster.DominantUtilization(z), run.Zones[z].TargetUtilization, run.Zones[warm].Id), enabledBy: first);
                return true;
            }

            run.RollbackTo(first);
        }

        return false;
    }

    /// <summary>
    /// The smallest set (at most <paramref name="maxEvictions"/>) of the warm zone's movable workloads whose requests
    /// free the room <paramref name="w"/> needs, each moved to a third zone in turn; then <paramref name="w"/> into the
    /// warm zone. True when all moves were applied; false leaves nothing applied.
    /// </summary>
    private bool TryThroughSeveral(int w, int z, int warm, ResourceVector need, int maxEvictions)
    {
        if (!run.BudgetAllows(warm) || !run.BudgetAllows(z, extra: maxEvictions + 1))
        {
            return false;
        }

        var movable = new List<int>();
        foreach (int m in run.Snapshot.WorkloadsIn(warm))
        {
            if (run.Cluster.ZoneOf(m) == warm && run.CanMove(m) && !run.Workload(m).Requests.IsZero)
            {
                movable.Add(m);
            }
        }

        ResourceVector[] requests = [.. movable.Select(m => run.Workload(m).Requests)];
        double[] costs = [.. movable.Select(m => run.Workload(m).MigrationCost)];
        int[] set = CoverSearch.Smallest(need, run.Alloc[warm], requests, costs, i => destinations.HasAny(movable[i], warm, exclude: z), maxSize: maxEvictions, nodeBudget: 2_000);
        if (set.Length < 2)
        {
            return false;
        }

        int first = run.Moves.Count;
        foreach (int i in set)
        {
            int m = movable[i];
            int to = destinations.Find(m, warm, exclude: z);
            if (to < 0)
            {
                run.RollbackTo(first);
                return false;
            }

            run.Apply(m, warm, to, ReasonTexts.MakeRoom(run.Zones[warm].Id, run.Zones[to].Id, run.Workload(w).Id, run.Zones[z].Id));
        }

        if (destinations.CanReceive(w, z, warm))
        {
            run.Apply(w, z, warm, ReasonTexts.Cooling(run.Zones[z].Id, run.Cluster.DominantUtilization(z), run.Zones[z].TargetUtilization, run.Zones[warm].Id), enabledBy: first);
            return true;
        }

        run.RollbackTo(first);
        return false;
    }

    private readonly record struct HotWorkload(ResourceVector Requests, string? Group);
}
