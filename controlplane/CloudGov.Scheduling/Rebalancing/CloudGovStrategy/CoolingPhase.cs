using CloudGov.Domain;
using CloudGov.Scheduling.Model;

namespace CloudGov.Scheduling.Rebalancing.CloudGovStrategy;

/// <summary>
/// Phase 2, cooling: bring every hot zone under its target with the fewest moves, most-over zone first (or the one
/// needing the least room first, <see cref="CoolingOrder"/>). Per zone, an
/// exact smallest cover (<see cref="CoverSearch"/>) placed together with backtracking over destinations; then a greedy
/// loop (the cheapest workload that clears the excess alone, else the one covering most of it), which falls back to a
/// make-room chain (<see cref="MakeRoomPhase"/>) when a workload has no direct destination — where that cooled the zone
/// through a chain, the loop runs again with direct moves first and chains deferred, and the shorter run is kept
/// (<see cref="DirectFirstVariants"/>); then moves made redundant
/// are dropped (<see cref="PruningPhase"/>). A zone that cannot be brought under keeps none of its moves (unless
/// <see cref="CloudGovRebalanceOptions.KeepPartialCooling"/>): moves that leave the zone hot anyway change nothing
/// the plan is for.
/// </summary>
internal sealed partial class CoolingPhase(RunState run, Destinations destinations, MakeRoomPhase makeRoom, PruningPhase pruning, CoolingOrder order = CoolingOrder.MostOverFirst)
{
    /// <summary>How many joint placements of a cover are tried (each failure bans one member) per zone.</summary>
    private const int CoverAttempts = 8;

    /// <summary>Items one cover search may look at (its ordering pass and every step of its scans).</summary>
    private const int SearchWork = 30_000;

    /// <summary>Destination choices the backtracking placement of one cover may try.</summary>
    private const int PlacementBudget = 4_000;

    /// <summary>
    /// The most a narrow member adds to its cost in the cover search (<see cref="CoverCosts"/>). Measured: `citylocked`
    /// 20,000×100 131 → 129 moves with anything from 0.25 to 2, no other instance of the benchmark changed.
    /// </summary>
    private const double ScarcityCost = 0.5;

    /// <summary>
    /// Zones whose cooling failed, with the move set and the free room of their destinations at the time: planning is
    /// deterministic, so the zone is tried again only once the move set changed and its destinations gained room (a
    /// heuristic shortcut: a change that only lifts an anti-affinity conflict is not noticed).
    /// </summary>
    private readonly Dictionary<int, (int Count, long Signature, ResourceVector Room)> _failedAt = [];

    /// <summary>
    /// Per candidate of the zone being cooled: true once it was found to have no direct destination. Room elsewhere
    /// only shrinks while a zone cools, so this holds until a make-room chain reshuffles it (then it is cleared).
    /// </summary>
    private bool[] _noDestination = [];

    public void Run(bool final)
    {
        var hot = new List<(int Zone, double Excess)>();
        ResourceVector cloud = order == CoolingOrder.LeastRoomFirst ? CloudAllocatable() : default;
        for (int z = 0; z < run.Zones.Count; z++)
        {
            if (!run.Frozen[z] && run.IsSource(z) && run.IsHot(z))
            {
                hot.Add((z, ExcessShareOf(z, order == CoolingOrder.MostOverFirst ? run.Alloc[z] : cloud)));
            }
        }

        int sign = order == CoolingOrder.MostOverFirst ? -1 : 1;
        hot.Sort((a, b) => a.Excess != b.Excess ? sign * a.Excess.CompareTo(b.Excess) : a.Zone.CompareTo(b.Zone));
        foreach (var (z, _) in hot)
        {
            int firstMove = run.Moves.Count;
            if (!(_failedAt.TryGetValue(z, out var at) && ((at.Count, at.Signature) == (run.ActiveMoves, run.Signature) || !MoreRoomThan(z, at.Room))))
            {
                CoolZone(z);
            }

            if (!run.IsHot(z))
            {
                run.CooledSource[z] = true;
                continue;
            }

            if (!run.Options.KeepPartialCooling)
            {
                run.RollbackTo(firstMove);
            }

            // Planning is deterministic: the same state gives the same failure, so the next pass skips the zone.
            _failedAt[z] = (run.ActiveMoves, run.Signature, FreeRoom(z));

            if (final)
            {
                run.Notes.Add(ReasonTexts.StillHot(run.Zones[z].Id, run.Cluster.DominantUtilization(z), run.Zones[z].TargetUtilization, run.Options.KeepPartialCooling && HasCoolingMoves(z)));
            }
        }
    }

    private bool HasCoolingMoves(int z) =>
        run.Moves.Exists(m => !m.Cancelled && m.From == z && m.Reason.Code == Filters.ReasonCodes.ZoneOverTarget);

    private void CoolZone(int z)
    {
        IReadOnlyList<int> resident = run.Snapshot.WorkloadsIn(z);
        var candidates = new List<int>(resident.Count);
        foreach (int w in resident)
        {
            if (run.Cluster.ZoneOf(w) == z && run.CanMove(w) && !run.Workload(w).Requests.IsZero)
            {
                candidates.Add(w);
            }
        }

        if (!run.Options.KeepPartialCooling && !MayCool(z, candidates))
        {
            return;
        }

        var tried = new bool[candidates.Count];
        _noDestination = new bool[candidates.Count];
        int firstMove = run.Moves.Count;
        int chainsBefore = makeRoom.Used(z);
        ResourceVector excess = run.Cluster.LoadOf(z) - run.Limit[z];
        ResourceVector[] requests = [.. candidates.Select(w => run.Workload(w).Requests)];
        double[] costs = CoverCosts(candidates);
        ExactCover(z, candidates, requests, costs, tried);
        bool direct = !run.IsHot(z);
        var afterExact = new GreedyStart(run.Moves.GetRange(firstMove, run.Moves.Count - firstMove), (bool[])tried.Clone(), (bool[])_noDestination.Clone(), makeRoom.Used(z));
        GreedyLoop(z, candidates, tried, chainRatio: 0);
        pruning.PruneZone(z, firstMove);
        DirectFirstVariants(z, candidates, firstMove, afterExact);
        if (!direct && run.Options.MakeRoom)
        {
            ChainedCover(z, candidates, requests, costs, excess, firstMove, chainsBefore);
        }
    }

    /// <summary>
    /// What a member costs the cover search (which takes the cheapest among equally small covers): its migration cost,
    /// plus up to <see cref="ScarcityCost"/> the fewer zones its class may use, against the candidate of the zone that
    /// may use the most. Of two covers of the same size, the one whose members could go to more zones leaves the few
    /// zones a narrow workload may use (its city's, its tier's) to the other hot zones' narrow workloads, which have
    /// nowhere else to go.
    /// </summary>
    private double[] CoverCosts(List<int> candidates)
    {
        int widest = 1;
        foreach (int w in candidates)
        {
            widest = Math.Max(widest, destinations.ZonesOf(destinations.ClassOf(w)).Count);
        }

        var costs = new double[candidates.Count];
        for (int i = 0; i < candidates.Count; i++)
        {
            int w = candidates[i];
            double scarcity = 1 - ((double)destinations.ZonesOf(destinations.ClassOf(w)).Count / widest);
            costs[i] = run.Workload(w).MigrationCost + (ScarcityCost * scarcity);
        }

        return costs;
    }

    /// <summary>
    /// False when the zone certainly cannot be brought under now: the workloads that may have a direct destination, plus
    /// as many others as make-room chains may still place, do not cover the excess in some dimension.
    /// </summary>
    private bool MayCool(int z, List<int> candidates)
    {
        ResourceVector excess = run.Cluster.LoadOf(z) - run.Limit[z];
        ResourceVector direct = default;
        var others = new List<ResourceVector>();
        foreach (int w in candidates)
        {
            if (destinations.MayFit(w))
            {
                direct += run.Workload(w).Requests;
            }
            else
            {
                others.Add(run.Workload(w).Requests);
            }
        }

        // Whatever leaves ends in other zones under their target (make-room chains only shift room around), so the
        // free room of the zones any candidate may use must hold the excess.
        ResourceVector room = FreeRoom(z, candidates);

        int chains = makeRoom.AttemptsLeft(z);
        for (int d = 0; d < ResourceVector.Dimensions; d++)
        {
            if (excess[d] > 0 && room[d] < excess[d])
            {
                return false;
            }

            if (excess[d] <= 0 || direct[d] >= excess[d])
            {
                continue;
            }

            long covered = direct[d] + others.Select(r => r[d]).OrderDescending().Take(chains).Sum();
            if (covered < excess[d])
            {
                return false;
            }
        }

        return true;
    }

    private bool HasDestination(List<int> candidates, int i, int z)
    {
        if (_noDestination[i])
        {
            return false;
        }

        bool has = destinations.HasAny(candidates[i], z);
        _noDestination[i] = !has;
        return has;
    }

    private bool KeepTrying(int z, ResourceVector room) =>
        run.Options.KeepPartialCooling || Excess(z).FitsWithin(room);

    /// <summary>How far the zone is over its target limit, per dimension (0 where under).</summary>
    private ResourceVector Excess(int z) => ResourceVector.Max(run.Cluster.LoadOf(z) - run.Limit[z], ResourceVector.Zero);

    private bool MoreRoomThan(int z, ResourceVector before) => !FreeRoom(z).FitsWithin(before);

    private ResourceVector FreeRoom(int z)
    {
        var classes = new List<int>();
        var seen = new bool[destinations.ClassCount];
        foreach (int w in run.Snapshot.WorkloadsIn(z))
        {
            if (run.Cluster.ZoneOf(w) == z && run.Snapshot.IsMovable(w) && AddClass(destinations.ClassOf(w), seen))
            {
                classes.Add(destinations.ClassOf(w));
            }
        }

        return FreeRoomOfClasses(z, classes);
    }

    /// <summary>The summed free room (target limit − load, where positive) of the zones any of the workloads may use, other than z.</summary>
    private ResourceVector FreeRoom(int z, IReadOnlyList<int> workloads)
    {
        var classes = new List<int>();
        var seen = new bool[destinations.ClassCount];
        foreach (int w in workloads)
        {
            if (AddClass(destinations.ClassOf(w), seen))
            {
                classes.Add(destinations.ClassOf(w));
            }
        }

        return FreeRoomOfClasses(z, classes);
    }

    private static bool AddClass(int c, bool[] seen)
    {
        if (seen[c])
        {
            return false;
        }

        seen[c] = true;
        return true;
    }

    private ResourceVector FreeRoomOfClasses(int z, List<int> classes)
    {
        var usable = new bool[run.Zones.Count];
        ResourceVector room = default;
        foreach (int c in classes)
        {
            foreach (int other in destinations.ZonesOf(c))
            {
                if (other != z && !usable[other])
                {
                    usable[other] = true;
                    room += ResourceVector.Max(ResourceVector.Zero, run.Limit[other] - run.Cluster.LoadOf(other));
                }
            }
        }

        return room;
    }

    private void ExactCover(int z, List<int> candidates, ResourceVector[] requests, double[] costs, bool[] tried)
    {
        var banned = new bool[candidates.Count];
        for (int attempt = 0; attempt < CoverAttempts; attempt++)
        {
            int[] cover = CoverSearch.Smallest(
                run.Cluster.LoadOf(z) - run.Limit[z], run.Alloc[z], requests, costs, i => HasDestination(candidates, i, z), out _, banned, nodeBudget: SearchWork, countScans: true);
            if (cover.Length == 0 || !run.BudgetAllows(z))
            {
                return;
            }

            int budget = PlacementBudget, deepest = 0;
            if (PlaceAll(z, candidates, cover, 0, ref budget, ref deepest))
            {
                foreach (int pick in cover)
                {
                    tried[pick] = true;
                }

                return;
            }

            // No joint assignment of destinations: keep the member that failed deepest out, search again.
            banned[cover[deepest]] = true;
        }
    }

    /// <summary>
    /// Moves every member of <paramref name="cover"/> (from index <paramref name="next"/> on) out of zone
    /// <paramref name="z"/>, backtracking over destinations (best score first) until all find room together. True when
    /// they all moved (the moves stay applied); false leaves nothing applied and sets <paramref name="deepest"/> to the
    /// furthest member that could not be placed. Stops early once the zone is under target.
    /// </summary>
    private bool PlaceAll(int z, List<int> candidates, int[] cover, int next, ref int budget, ref int deepest)
    {
        if (next == cover.Length || !run.IsHot(z))
        {
            return true;
        }

        int w = candidates[cover[next]];
        if (run.CanMove(w) && run.BudgetAllows(z))
        {
            foreach (int to in destinations.Rank(w, z))
            {
                if (--budget < 0)
                {
                    break;
                }

                int index = Apply(w, z, to);
                if (PlaceAll(z, candidates, cover, next + 1, ref budget, ref deepest))
                {
                    return true;
                }

                run.RollbackTo(index);
            }
        }

        deepest = Math.Max(deepest, next);
        return false;
    }

    /// <summary>
    /// The greedy loop. With <paramref name="chainRatio"/> 0 a pick without a direct destination goes through a
    /// make-room chain at once; above 0 it is deferred until it covers more than that many times as much of the excess
    /// as the best pick that can leave directly, or none is left (<see cref="DirectFirstVariants"/>).
    /// </summary>
    private void GreedyLoop(int z, List<int> candidates, bool[] tried, double chainRatio)
    {
        // Workloads that fit no zone directly are tried only through make-room chains, and only as many (largest
        // first) as chains remain: the room elsewhere only shrinks while this zone cools, so the rest never fit.
        var noRoom = new List<int>();
        for (int i = 0; i < candidates.Count; i++)
        {
            if (!tried[i] && !destinations.MayFit(candidates[i]))
            {
                noRoom.Add(i);
                tried[i] = true;
            }
        }

        int chains = makeRoom.AttemptsLeft(z);
        foreach (int i in noRoom.OrderByDescending(i => run.Workload(candidates[i]).Requests.DominantRatioOf(run.Alloc[z])).ThenBy(i => i).Take(chains))
        {
            tried[i] = false;
        }

        ResourceVector alloc = run.Alloc[z];
        var picks = new EvictionColumns(candidates.Count);
        for (int i = 0; i < candidates.Count; i++)
        {
            WorkloadSnapshot workload = run.Workload(candidates[i]);
            picks.Requests[i] = workload.Requests;
            picks.Costs[i] = workload.MigrationCost + (workload.Priority * 1e-6);
            double size = 0;
            for (int d = 0; d < ResourceVector.Dimensions; d++)
            {
                size += (double)workload.Requests[d] / Math.Max(1, alloc[d]);
            }

            picks.Sizes[i] = size;
        }

        // The free room of the zones the candidates may use shrinks by each placed workload: once it cannot hold the
        // remaining excess, the zone cannot cool and the loop stops (its moves are then taken back by the caller).
        ResourceVector room = FreeRoom(z, candidates);

        // Only candidates not tried yet can still leave: once their requests cannot hold the remaining excess, the
        // zone cannot cool and the loop stops (without this, it would try nearly every candidate before giving up).
        ResourceVector untried = default;
        for (int i = 0; i < candidates.Count; i++)
        {
            if (!tried[i])
            {
                untried += picks.Requests[i];
            }
        }

        var deferred = new List<int>();
        ResourceVector deferredRequests = default;
        while (run.IsHot(z) && run.BudgetAllows(z))
        {
            if (!KeepTrying(z, room) || (!run.Options.KeepPartialCooling && !Excess(z).FitsWithin(untried + deferredRequests)))
            {
                return;
            }

            ResourceVector excess = run.Cluster.LoadOf(z) - run.Limit[z];
            int pick = picks.Next(tried, excess, alloc);
            if (pick >= 0 && deferred.Count > 0
                && deferred.Max(i => CoverShare(picks.Requests[i], excess, alloc)) > chainRatio * CoverShare(picks.Requests[pick], excess, alloc))
            {
                picks.Return(pick, excess, alloc);
                pick = -1;
            }

            if (pick < 0)
            {
                int next = TakeDeferred(deferred, picks.Requests, excess, alloc);
                if (next < 0)
                {
                    return;
                }

                deferredRequests -= picks.Requests[next];
                if (PlaceDeferred(z, candidates[next]))
                {
                    room = FreeRoom(z, candidates);
                }

                continue;
            }

            tried[pick] = true;
            untried -= picks.Requests[pick];
            int w = candidates[pick];
            if (!run.CanMove(w))
            {
                continue;
            }

            int to = _noDestination[pick] ? -1 : destinations.Find(w, z);
            if (to >= 0)
            {
                Apply(w, z, to);
                room -= run.Workload(w).Requests;
            }
            else if (chainRatio > 0)
            {
                _noDestination[pick] = true;
                if (makeRoom.AttemptsLeft(z) > 0)
                {
                    deferred.Add(pick);
                    deferredRequests += picks.Requests[pick];
                }
            }
            else
            {
                _noDestination[pick] = true;
                if (makeRoom.AttemptsLeft(z) > 0 && makeRoom.TryPlace(w, z))
                {
                    Array.Clear(_noDestination);
                    room = FreeRoom(z, candidates);
                }
            }
        }
    }

    private int Apply(int w, int z, int to) =>
        run.Apply(w, z, to, ReasonTexts.Cooling(run.Zones[z].Id, run.Cluster.DominantUtilization(z), run.Zones[z].TargetUtilization, run.Zones[to].Id));

    /// <summary>
    /// Per candidate of the zone being cooled: requests, eviction cost and normalized size, read once; and the order in
    /// which the greedy loop picks them: the candidate covering the most normalized excess (Σ over the dimensions in
    /// excess of min(request, excess) ÷ allocatable), then the cheaper, then the smaller, ties by candidate order. A
    /// workload that clears the whole excess alone covers all of it, more than any that does not, so the cheapest such
    /// workload comes first whenever one exists.
    /// <para>
    /// Lazy: while a zone cools its excess only shrinks (cooling moves leave it, make-room moves leave other zones, a
    /// failed chain is taken back to where it started), so a candidate's cover only shrinks too and the cover it had
    /// when it was last ranked is an upper bound. The candidates sit in a heap by that bound; the top is re-ranked with
    /// the current excess and taken when its rank did not change (then nothing below can beat it), else put back. A
    /// pick costs a logarithm per re-ranking instead of a scan of every candidate, which made a zone quadratic in its
    /// workloads when many picks find no destination.
    /// </para>
    /// </summary>
    private sealed class EvictionColumns(int count)
    {
        private readonly PriorityQueue<int, EvictionKey> _queue = new(count);
        private bool _built;

        public ResourceVector[] Requests { get; } = new ResourceVector[count];

        public double[] Costs { get; } = new double[count];

        public double[] Sizes { get; } = new double[count];

        /// <summary>Index of the next workload to evict among those not tried, or -1 when none covers any of the excess.</summary>
        public int Next(bool[] tried, ResourceVector excess, ResourceVector alloc)
        {
            if (!_built)
            {
                _built = true;
                var items = new List<(int, EvictionKey)>(tried.Length);
                for (int i = 0; i < tried.Length; i++)
                {
                    if (!tried[i])
                    {
                        items.Add((i, Key(i, excess, alloc)));
                    }
                }

                _queue.EnqueueRange(items);
            }

            while (_queue.TryPeek(out int i, out EvictionKey ranked))
            {
                if (tried[i] || ranked.Cover <= 0)
                {
                    _queue.Dequeue(); // a cover never grows back, so a candidate covering nothing is done
                    continue;
                }

                EvictionKey now = Key(i, excess, alloc);
                _queue.Dequeue();
                if (now.Cover == ranked.Cover)
                {
                    return i;
                }

                _queue.Enqueue(i, now);
            }

            return -1;
        }

        /// <summary>Puts a candidate returned by <see cref="Next"/> back, ranked against the current excess.</summary>
        public void Return(int i, ResourceVector excess, ResourceVector alloc) => _queue.Enqueue(i, Key(i, excess, alloc));

        private EvictionKey Key(int i, ResourceVector excess, ResourceVector alloc) =>
            new(CoverShare(Requests[i], excess, alloc), Costs[i], Sizes[i], i);
    }

    /// <summary>The greedy order: more cover first, then lower cost, then smaller size, then candidate index.</summary>
    private readonly record struct EvictionKey(double Cover, double Cost, double Size, int Index) : IComparable<EvictionKey>
    {
        public int CompareTo(EvictionKey other)
        {
            int c = other.Cover.CompareTo(Cover);
            if (c != 0)
            {
                return c;
            }

            c = Cost.CompareTo(other.Cost);
            if (c != 0)
            {
                return c;
            }

            c = Size.CompareTo(other.Size);
            return c != 0 ? c : Index.CompareTo(other.Index);
        }
    }

    /// <summary>How much of the excess a request covers: Σ over the dimensions in excess of min(request, excess) ÷ allocatable.</summary>
    private static double CoverShare(ResourceVector request, ResourceVector excess, ResourceVector alloc)
    {
        double cover = 0;
        for (int d = 0; d < ResourceVector.Dimensions; d++)
        {
            if (excess[d] > 0)
            {
                cover += (double)Math.Min(request[d], excess[d]) / Math.Max(1, alloc[d]);
            }
        }

        return cover;
    }

    /// <summary>
    /// The zone's excess over its target as the largest share, over the dimensions, of <paramref name="of"/>: its own
    /// allocatable (how far over it is) or the cloud's (how much room its cooling needs).
    /// </summary>
    private double ExcessShareOf(int z, ResourceVector of)
    {
        ResourceVector load = run.Cluster.LoadOf(z);
        double max = 0;
        for (int d = 0; d < ResourceVector.Dimensions; d++)
        {
            max = Math.Max(max, (double)(load[d] - run.Limit[z][d]) / Math.Max(1, of[d]));
        }

        return max;
    }

    /// <summary>Every zone's allocatable, summed (saturating: the snapshot bounds each zone's amounts).</summary>
    private ResourceVector CloudAllocatable()
    {
        ResourceVector sum = default;
        for (int z = 0; z < run.Zones.Count; z++)
        {
            sum = ResourceSums.Saturating(sum, run.Alloc[z]);
        }

        return sum;
    }
}

/// <summary>The order hot zones are cooled in.</summary>
internal enum CoolingOrder
{
    /// <summary>The zone furthest over its target (excess as a share of its own allocatable) first.</summary>
    MostOverFirst,

    /// <summary>
    /// The zone whose excess needs the least room first — its excess as the largest share, over the dimensions, of the
    /// cloud's allocatable: where room is short, more zones fit in it.
    /// </summary>
    LeastRoomFirst,
}
