using System.Globalization;
using CloudGov.Domain;
using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Scores;

namespace CloudGov.Scheduling.Rebalancing;

/// <summary>
/// CloudGov's rebalancing strategy. In order: (1) required moves — evacuate Draining zones and relocate
/// workloads whose zone breaks a hard constraint; (2) cool every hot zone to its target with the fewest moves:
/// per zone, greedily take the workload covering most of the remaining excess (normalized per dimension), or,
/// once one workload can cover all of it, the cheapest such workload; then drop moves made redundant;
/// destinations are chosen by the score set among zones that pass every filter and stay under their own target;
/// (3) optional balance moves from zones far above the mean (see <see cref="CloudGovRebalanceOptions.BalanceTolerance"/>)
/// while they lower the variance of utilization. Steps 2–3 repeat until nothing changes, so a second run on the
/// result proposes nothing. Budgets, cooldowns and freeze windows hold throughout. Deterministic: every tie is
/// broken by snapshot order.
/// </summary>
public sealed class CloudGovRebalanceStrategy : IRebalanceStrategy
{
    /// <summary>The strategy's registry name.</summary>
    public const string StrategyName = "cloudgov";

    private readonly CloudGovRebalanceOptions _options;
    private readonly FilterPipeline _filters;
    private readonly ScoreSet _scores;
    private readonly IPlacementFilter[] _constraintFilters;

    /// <summary>Largest cover the exact per-zone search looks for; bigger excesses go to the greedy loop.</summary>
    private const int MaxExactCover = 8;

    /// <summary>Search nodes the exact per-zone cover may visit per zone.</summary>
    private const int ExactNodeBudget = 20_000;

    /// <summary>Creates the strategy; throws <see cref="ArgumentException"/> when the options are invalid.</summary>
    public CloudGovRebalanceStrategy(CloudGovRebalanceOptions options, FilterPipeline filters, ScoreSet scores)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> errors = CloudGovRebalanceOptionsValidator.Validate(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _options = options;
        _filters = filters ?? throw new ArgumentNullException(nameof(filters));
        _scores = scores ?? throw new ArgumentNullException(nameof(scores));
        _constraintFilters = [.. filters.Filters.Where(f => f.IsStatic && f is not ZoneStatusFilter and not ZoneComplianceFilter)];
    }

    /// <inheritdoc />
    public string Name => StrategyName;

    /// <inheritdoc />
    public RebalancePlan Plan(RebalanceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new Run(this, request).Execute();
    }

    private sealed class Run
    {
        private readonly CloudGovRebalanceStrategy _owner;
        private readonly RebalanceRequest _request;
        private readonly CloudSnapshot _snapshot;
        private readonly ClusterState _state;
        private readonly IReadOnlyList<ZoneSnapshot> _zones;
        private readonly ResourceVector[] _limit;
        private readonly ResourceVector[] _alloc;
        private readonly bool[] _frozen;
        private readonly bool[] _moved;
        private readonly int[] _movesFromZone;
        private readonly Dictionary<string, int> _movesByTenant = new(StringComparer.Ordinal);
        private readonly Dictionary<string, bool[]> _staticCache = new(StringComparer.Ordinal);
        private readonly bool[]?[] _staticByWorkload;
        private readonly List<PlannedMove> _moves = [];
        private readonly List<Reason> _notes = [];
        private bool _budgetNoted;
        private int _activeMoves;

        public Run(CloudGovRebalanceStrategy owner, RebalanceRequest request)
        {
            _owner = owner;
            _request = request;
            _snapshot = request.Snapshot;
            _state = new ClusterState(_snapshot);
            _zones = _snapshot.Zones;
            int zoneCount = _zones.Count;
            _limit = new ResourceVector[zoneCount];
            _alloc = new ResourceVector[zoneCount];
            _frozen = new bool[zoneCount];
            _movesFromZone = new int[zoneCount];
            for (int z = 0; z < zoneCount; z++)
            {
                _limit[z] = UtilizationMath.TargetLimit(_zones[z]);
                _alloc[z] = _zones[z].Allocatable;
            }

            _moved = new bool[_snapshot.Workloads.Count];
            _staticByWorkload = new bool[]?[_snapshot.Workloads.Count];
        }

        private CloudGovRebalanceOptions Options => _owner._options;

        public RebalancePlan Execute()
        {
            foreach (FreezeWindow window in _snapshot.FreezeWindows)
            {
                if (!window.IsActive(_request.Now))
                {
                    continue;
                }

                if (window.ZoneId is null)
                {
                    _notes.Add(new Reason(
                        ReasonCodes.FreezeWindowActive,
                        $"cloud-wide freeze window '{window.Reason}' is active until {window.End:u}; no moves planned",
                        $"全云冻结窗口“{window.Reason}”生效至 {window.End:u}，本次不安排迁移"));
                    return Finish();
                }

                int z = _snapshot.IndexOfZone(window.ZoneId);
                if (!_frozen[z])
                {
                    _frozen[z] = true;
                    _notes.Add(new Reason(
                        ReasonCodes.FreezeWindowActive,
                        $"zone {window.ZoneId} is frozen ('{window.Reason}') until {window.End:u}; it neither sends nor receives workloads",
                        $"云区 {window.ZoneId} 处于冻结窗口“{window.Reason}”至 {window.End:u}，不迁出也不迁入"));
                }
            }

            for (int round = 0; round < 64; round++)
            {
                int before = _activeMoves;
                RequiredMoves(final: false);
                CoolHotZones(final: false);
                BalanceZones();
                if (_activeMoves == before)
                {
                    break;
                }
            }

            RequiredMoves(final: true);
            CoolHotZones(final: true);
            return Finish();
        }

        private RebalancePlan Finish()
        {
            var moves = new List<Move>(_activeMoves);
            foreach (PlannedMove m in _moves)
            {
                if (m.Cancelled)
                {
                    continue;
                }

                WorkloadSnapshot w = _snapshot.Workloads[m.Workload];
                moves.Add(new Move(w.Id, w.TenantId, _zones[m.From].Id, _zones[m.To].Id, w.Requests, w.MigrationCost, m.Reason));
            }

            return PlanBuilder.Build(StrategyName, _request, moves, _notes);
        }

        // ---------------------------------------------------------------- phases

        private void RequiredMoves(bool final)
        {
            for (int z = 0; z < _zones.Count; z++)
            {
                if (_frozen[z] || !IsSource(z))
                {
                    continue;
                }

                bool draining = Options.EvacuateDrainingZones && _zones[z].Status == ZoneStatus.Draining;
                foreach (int w in _snapshot.WorkloadsIn(z))
                {
                    // A broken hard constraint or a draining zone does not wait for the cooldown: the cooldown keeps
                    // balancing from ping-ponging, and a relocated workload no longer breaks the rule that moved it.
                    if (!CanMove(w, ignoreCooldown: true))
                    {
                        continue;
                    }

                    Rejection? violation = draining || !Options.RelocateViolations ? null : Violation(w, z);
                    if (!draining && violation is null)
                    {
                        continue;
                    }

                    if (!BudgetAllows(z))
                    {
                        return;
                    }

                    int to = FindDestination(w, z, double.PositiveInfinity);
                    if (to < 0)
                    {
                        if (!final)
                        {
                            continue;
                        }

                        _notes.Add(new Reason(
                            draining ? ReasonCodes.ZoneDraining : ReasonCodes.PlacementViolation,
                            $"workload {_snapshot.Workloads[w].Id} must leave zone {_zones[z].Id} but no zone can take it",
                            $"业务系统 {_snapshot.Workloads[w].Id} 需迁出云区 {_zones[z].Id}，但没有云区可以接收"));
                        continue;
                    }

                    Reason reason = draining
                        ? new Reason(
                            ReasonCodes.ZoneDraining,
                            $"zone {_zones[z].Id} is draining; moving to {_zones[to].Id}",
                            $"云区 {_zones[z].Id} 正在腾空，迁往 {_zones[to].Id}")
                        : new Reason(
                            ReasonCodes.PlacementViolation,
                            $"current zone breaks a hard constraint ({violation!.English}); moving to {_zones[to].Id}",
                            $"当前云区违反硬约束（{violation!.Chinese}），迁往 {_zones[to].Id}");
                    Apply(w, z, to, reason);
                }
            }
        }

        private void CoolHotZones(bool final)
        {
            var hot = new List<(int Zone, double Excess)>();
            for (int z = 0; z < _zones.Count; z++)
            {
                if (!_frozen[z] && IsSource(z) && !_state.LoadOf(z).FitsWithin(_limit[z]))
                {
                    hot.Add((z, ExcessRatio(z)));
                }
            }

            hot.Sort(static (a, b) => a.Excess != b.Excess ? b.Excess.CompareTo(a.Excess) : a.Zone.CompareTo(b.Zone));
            foreach (var (z, _) in hot)
            {
                CoolZone(z);
                if (final && !_state.LoadOf(z).FitsWithin(_limit[z]))
                {
                    _notes.Add(new Reason(
                        ReasonCodes.ZoneStillHot,
                        string.Create(CultureInfo.InvariantCulture, $"zone {_zones[z].Id} stays over its target ({_state.DominantUtilization(z):P1} > {_zones[z].TargetUtilization:P0}): no further feasible move within budgets, cooldowns and filters"),
                        string.Create(CultureInfo.InvariantCulture, $"云区 {_zones[z].Id} 仍高于目标利用率（{_state.DominantUtilization(z):P1} > {_zones[z].TargetUtilization:P0}）：在预算、冷却期与约束内已无可行迁移")));
                }
            }
        }

        private void CoolZone(int z)
        {
            IReadOnlyList<int> resident = _snapshot.WorkloadsIn(z);
            var candidates = new List<int>(resident.Count);
            foreach (int w in resident)
            {
                if (_state.ZoneOf(w) == z && CanMove(w) && !_snapshot.Workloads[w].Requests.IsZero)
                {
                    candidates.Add(w);
                }
            }

            var tried = new bool[candidates.Count];
            int firstMove = _moves.Count;
            ResourceVector alloc = _alloc[z];

            // First try an exact smallest cover (small cases): the fewest workloads whose requests clear the excess
            // in every dimension, each with a destination now, cheapest among equally few, placed together with
            // backtracking over destinations. Then the greedy loop finishes whatever that could not (no small cover
            // exists, or its members found no room together).
            var banned = new bool[candidates.Count];
            for (int attempt = 0; attempt < 8; attempt++)
            {
                List<int> cover = SmallestCover(z, candidates, banned);
                if (cover.Count == 0 || !BudgetAllows(z))
                {
                    break;
                }

                int budget = 4_000, deepest = 0;
                if (PlaceAll(z, candidates, cover, 0, ref budget, ref deepest))
                {
                    foreach (int pick in cover)
                    {
                        tried[pick] = true;
                    }

                    break;
                }

                // No joint assignment of destinations: keep the member that failed deepest out, search again.
                banned[cover[deepest]] = true;
            }

            while (true)
            {
                ResourceVector excess = _state.LoadOf(z) - _limit[z];
                if (excess.FitsWithin(ResourceVector.Zero))
                {
                    break;
                }

                if (!BudgetAllows(z))
                {
                    break;
                }

                int pick = PickEviction(candidates, tried, excess, alloc);
                if (pick < 0)
                {
                    break;
                }

                tried[pick] = true;
                int w = candidates[pick];
                if (!CanMove(w))
                {
                    continue;
                }

                int to = FindDestination(w, z, double.PositiveInfinity);
                if (to < 0)
                {
                    continue;
                }

                ApplyCooling(w, z, to);
            }

            // Drop moves the zone turned out not to need (the later, larger picks can make earlier ones redundant).
            PruneRedundant(z, firstMove);
        }

        private void ApplyCooling(int w, int z, int to)
        {
            double before = _state.DominantUtilization(z);
            Apply(w, z, to, new Reason(
                ReasonCodes.ZoneOverTarget,
                string.Create(CultureInfo.InvariantCulture, $"zone {_zones[z].Id} is over its target utilization ({before:P1} > {_zones[z].TargetUtilization:P0}); moving to {_zones[to].Id}"),
                string.Create(CultureInfo.InvariantCulture, $"云区 {_zones[z].Id} 利用率 {before:P1} 超过目标 {_zones[z].TargetUtilization:P0}，迁往 {_zones[to].Id}")));
        }

        private void PruneRedundant(int z, int firstMove)
        {
            if (!_state.LoadOf(z).FitsWithin(_limit[z]))
            {
                return;
            }

            for (int i = _moves.Count - 1; i >= firstMove; i--)
            {
                PlannedMove m = _moves[i];
                if (m.Cancelled || m.From != z)
                {
                    continue;
                }

                if ((_state.LoadOf(z) + _snapshot.Workloads[m.Workload].Requests).FitsWithin(_limit[z]))
                {
                    Cancel(i);
                }
            }
        }

        /// <summary>
        /// Moves every member of <paramref name="cover"/> (from index <paramref name="next"/> on) out of zone
        /// <paramref name="z"/>, backtracking over destinations (best score first) until all find room together.
        /// True when they all moved (the moves stay applied); false leaves nothing applied and sets
        /// <paramref name="deepest"/> to the furthest member that could not be placed. Stops early once the zone is
        /// under target.
        /// </summary>
        private bool PlaceAll(int z, List<int> candidates, List<int> cover, int next, ref int budget, ref int deepest)
        {
            if (next == cover.Count || _state.LoadOf(z).FitsWithin(_limit[z]))
            {
                return true;
            }

            int w = candidates[cover[next]];
            if (CanMove(w) && BudgetAllows(z))
            {
                foreach (int to in RankDestinations(w, z))
                {
                    if (--budget < 0)
                    {
                        break;
                    }

                    ApplyCooling(w, z, to);
                    if (PlaceAll(z, candidates, cover, next + 1, ref budget, ref deepest))
                    {
                        return true;
                    }

                    Cancel(_moves.Count - 1);
                    _moves.RemoveAt(_moves.Count - 1);
                }
            }

            deepest = Math.Max(deepest, next);
            return false;
        }

        /// <summary>Every zone that could take the workload now (as <see cref="FindDestination"/>), best score first.</summary>
        private List<int> RankDestinations(int w, int from)
        {
            bool[] eligible = StaticEligibility(w);
            WorkloadSnapshot workload = _snapshot.Workloads[w];
            var ranked = new List<(int Zone, double Score)>();
            for (int z = 0; z < _zones.Count; z++)
            {
                if (z == from || !eligible[z] || _frozen[z] || !(_state.LoadOf(z) + workload.Requests).FitsWithin(_limit[z]))
                {
                    continue;
                }

                var context = new FilterContext(workload, z, _zones[z], _state, IsMigration: true, _zones[from]);
                if (_owner._filters.AdmitsDynamic(context))
                {
                    ranked.Add((z, _owner._scores.Total(context)));
                }
            }

            ranked.Sort(static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Zone.CompareTo(b.Zone));
            return [.. ranked.Select(r => r.Zone)];
        }

        /// <summary>
        /// Indexes into <paramref name="candidates"/> of a smallest set whose requests cover the zone's excess in every
        /// dimension, each member having a destination now; among sets of that size the cheapest found. Bounded
        /// search (at most <see cref="MaxExactCover"/> members, <see cref="ExactNodeBudget"/> nodes); empty when none is found.
        /// </summary>
        private List<int> SmallestCover(int z, List<int> candidates, bool[] banned)
        {
            ResourceVector excess = _state.LoadOf(z) - _limit[z];
            ResourceVector alloc = _alloc[z];
            var dims = new List<int>();
            for (int d = 0; d < ResourceVector.Dimensions; d++)
            {
                if (excess[d] > 0)
                {
                    dims.Add(d);
                }
            }

            if (dims.Count == 0 || candidates.Count == 0)
            {
                return [];
            }

            // Order by how much of the excess each covers, largest first; ties cheapest, then snapshot order.
            int n = candidates.Count;
            var order = new int[n];
            var cover = new double[n];
            for (int i = 0; i < n; i++)
            {
                order[i] = i;
                ResourceVector req = _snapshot.Workloads[candidates[i]].Requests;
                foreach (int d in dims)
                {
                    cover[i] += (double)Math.Min(req[d], excess[d]) / Math.Max(1, alloc[d]);
                }
            }

            Array.Sort(order, (a, b) =>
            {
                int c = cover[b].CompareTo(cover[a]);
                if (c != 0)
                {
                    return c;
                }

                c = _snapshot.Workloads[candidates[a]].MigrationCost.CompareTo(_snapshot.Workloads[candidates[b]].MigrationCost);
                return c != 0 ? c : a.CompareTo(b);
            });

            // Per dimension, the largest request among order[i..] (for pruning).
            var suffixMax = new long[dims.Count, n + 1];
            for (int k = 0; k < dims.Count; k++)
            {
                for (int i = n - 1; i >= 0; i--)
                {
                    suffixMax[k, i] = Math.Max(suffixMax[k, i + 1], _snapshot.Workloads[candidates[order[i]]].Requests[dims[k]]);
                }
            }

            var feasible = new sbyte[n]; // 0 unknown, 1 has a destination, -1 none
            var chosen = new List<int>();
            List<int>? best = null;
            double bestCost = double.MaxValue;
            int nodes = 0;
            var remaining = new long[dims.Count];
            for (int size = 1; size <= MaxExactCover && best is null && nodes < ExactNodeBudget; size++)
            {
                for (int k = 0; k < dims.Count; k++)
                {
                    remaining[k] = excess[dims[k]];
                }

                Search(0, size, 0.0);
            }

            return best ?? [];

            void Search(int start, int slots, double cost)
            {
                bool covered = true;
                for (int k = 0; k < remaining.Length; k++)
                {
                    covered &= remaining[k] <= 0;
                }

                if (covered)
                {
                    if (cost < bestCost)
                    {
                        bestCost = cost;
                        best = [.. chosen];
                    }

                    return;
                }

                if (slots == 0 || ++nodes > ExactNodeBudget)
                {
                    return;
                }

                for (int i = start; i < n; i++)
                {
                    for (int k = 0; k < remaining.Length; k++)
                    {
                        if (remaining[k] > 0 && slots * suffixMax[k, i] < remaining[k])
                        {
                            return; // nothing from here on can cover this dimension in time
                        }
                    }

                    int c = order[i];
                    WorkloadSnapshot w = _snapshot.Workloads[candidates[c]];
                    if (banned[c] || cost + w.MigrationCost >= bestCost)
                    {
                        continue;
                    }

                    if (feasible[c] == 0)
                    {
                        feasible[c] = FindDestination(candidates[c], z, double.PositiveInfinity) >= 0 ? (sbyte)1 : (sbyte)-1;
                    }

                    if (feasible[c] < 0)
                    {
                        continue;
                    }

                    for (int k = 0; k < remaining.Length; k++)
                    {
                        remaining[k] -= w.Requests[dims[k]];
                    }

                    chosen.Add(c);
                    Search(i + 1, slots - 1, cost + w.MigrationCost);
                    chosen.RemoveAt(chosen.Count - 1);
                    for (int k = 0; k < remaining.Length; k++)
                    {
                        remaining[k] += w.Requests[dims[k]];
                    }

                    if (nodes > ExactNodeBudget)
                    {
                        return;
                    }
                }
            }
        }

        /// <summary>
        /// Index into <paramref name="candidates"/> of the next workload to evict: the cheapest single workload that
        /// clears the whole excess if one exists, else the one covering the most normalized excess.
        /// </summary>
        private int PickEviction(List<int> candidates, bool[] tried, ResourceVector excess, ResourceVector alloc)
        {
            int bestFinisher = -1;
            double finisherCost = double.MaxValue, finisherSize = double.MaxValue;
            int bestCover = -1;
            double bestCoverValue = 0, coverCost = double.MaxValue;
            for (int i = 0; i < candidates.Count; i++)
            {
                if (tried[i])
                {
                    continue;
                }

                WorkloadSnapshot w = _snapshot.Workloads[candidates[i]];
                ResourceVector req = w.Requests;
                double cover = 0, size = 0;
                bool finishes = true;
                for (int d = 0; d < ResourceVector.Dimensions; d++)
                {
                    long cap = Math.Max(1, alloc[d]);
                    long ex = excess[d];
                    size += (double)req[d] / cap;
                    if (ex > 0)
                    {
                        cover += (double)Math.Min(req[d], ex) / cap;
                        if (req[d] < ex)
                        {
                            finishes = false;
                        }
                    }
                }

                if (cover <= 0)
                {
                    continue;
                }

                double cost = w.MigrationCost + (w.Priority * 1e-6);
                if (finishes)
                {
                    if (cost < finisherCost - 1e-12 || (Math.Abs(cost - finisherCost) <= 1e-12 && size < finisherSize))
                    {
                        bestFinisher = i;
                        finisherCost = cost;
                        finisherSize = size;
                    }
                }
                else if (cover > bestCoverValue + 1e-12 || (Math.Abs(cover - bestCoverValue) <= 1e-12 && cost < coverCost))
                {
                    bestCover = i;
                    bestCoverValue = cover;
                    coverCost = cost;
                }
            }

            return bestFinisher >= 0 ? bestFinisher : bestCover;
        }

        private void BalanceZones()
        {
            double tolerance = Options.BalanceTolerance;
            if (tolerance >= 1.0)
            {
                return;
            }

            var pool = new List<int>();
            for (int z = 0; z < _zones.Count; z++)
            {
                if (!_frozen[z] && _zones[z].Status == ZoneStatus.Ready && !_alloc[z].IsZero)
                {
                    pool.Add(z);
                }
            }

            if (pool.Count < 2)
            {
                return;
            }

            var util = new double[_zones.Count];
            for (int pass = 0; pass < 100_000; pass++)
            {
                double mean = 0;
                foreach (int z in pool)
                {
                    util[z] = _state.DominantUtilization(z);
                    mean += util[z];
                }

                mean /= pool.Count;
                var sources = pool.Where(z => util[z] > mean + tolerance).OrderByDescending(z => util[z]).ThenBy(z => z).ToList();
                bool movedAny = false;
                foreach (int s in sources)
                {
                    if (!BudgetAllows(s))
                    {
                        continue;
                    }

                    if (TryBalanceMove(s, mean, util))
                    {
                        movedAny = true;
                    }
                }

                if (!movedAny)
                {
                    return;
                }
            }
        }

        private bool TryBalanceMove(int s, double mean, double[] util)
        {
            double us = util[s];
            int bestW = -1, bestTo = -1;
            double bestGain = 1e-6;
            foreach (int w in _snapshot.WorkloadsIn(s))
            {
                if (_state.ZoneOf(w) != s || !CanMove(w))
                {
                    continue;
                }

                ResourceVector req = _snapshot.Workloads[w].Requests;
                double usAfter = (_state.LoadOf(s) - req).DominantRatioOf(_alloc[s]);
                int to = FindDestination(w, s, maxDominantAfter: usAfter);
                if (to < 0)
                {
                    continue;
                }

                double ud = util[to];
                double udAfter = (_state.LoadOf(to) + req).DominantRatioOf(_alloc[to]);
                double gain = Sq(us - mean) + Sq(ud - mean) - Sq(usAfter - mean) - Sq(udAfter - mean);
                gain /= 1.0 + _snapshot.Workloads[w].MigrationCost;
                if (gain > bestGain)
                {
                    bestGain = gain;
                    bestW = w;
                    bestTo = to;
                }
            }

            if (bestW < 0)
            {
                return false;
            }

            Apply(bestW, s, bestTo, new Reason(
                ReasonCodes.ImbalanceReduction,
                string.Create(CultureInfo.InvariantCulture, $"zone {_zones[s].Id} at {us:P1} is more than {Options.BalanceTolerance:P0} above the cloud mean {mean:P1}; moving to {_zones[bestTo].Id} lowers imbalance"),
                string.Create(CultureInfo.InvariantCulture, $"云区 {_zones[s].Id} 利用率 {us:P1} 高出全云均值 {mean:P1} 超过 {Options.BalanceTolerance:P0}，迁往 {_zones[bestTo].Id} 以降低不均衡")));
            util[s] = _state.DominantUtilization(s);
            util[bestTo] = _state.DominantUtilization(bestTo);
            return true;

            static double Sq(double x) => x * x;
        }

        // ---------------------------------------------------------------- helpers

        private bool IsSource(int z) => _zones[z].Status is ZoneStatus.Ready or ZoneStatus.Degraded or ZoneStatus.Draining;

        private bool CanMove(int w, bool ignoreCooldown = false)
        {
            if (_moved[w])
            {
                return false;
            }

            WorkloadSnapshot workload = _snapshot.Workloads[w];
            if (!workload.Movable)
            {
                return false;
            }

            if (!ignoreCooldown && workload.LastMovedAt is { } last && _request.Now < last + Options.Cooldown)
            {
                return false;
            }

            return Options.MaxMovesPerTenant is not { } perTenant
                || !_movesByTenant.TryGetValue(workload.TenantId, out int n) || n < perTenant;
        }

        private bool BudgetAllows(int sourceZone)
        {
            bool ok = (Options.MaxMovesPerPlan is not { } plan || _activeMoves < plan)
                && (Options.MaxMovesPerSourceZone is not { } perZone || _movesFromZone[sourceZone] < perZone);
            if (!ok && !_budgetNoted)
            {
                _budgetNoted = true;
                _notes.Add(new Reason(
                    ReasonCodes.BudgetExhausted,
                    "a migration budget (per plan or per source zone) stopped further moves; the next round continues",
                    "迁移预算（单次计划或单个源云区）已用尽，剩余调整留待下一轮"));
            }

            return ok;
        }

        private Rejection? Violation(int w, int z)
        {
            var context = new FilterContext(_snapshot.Workloads[w], z, _zones[z], _state, IsMigration: false);
            foreach (IPlacementFilter filter in _owner._constraintFilters)
            {
                if (!filter.Admits(context))
                {
                    return filter.Explain(context);
                }
            }

            return null;
        }

        private double ExcessRatio(int z)
        {
            ResourceVector load = _state.LoadOf(z);
            double max = 0;
            for (int d = 0; d < ResourceVector.Dimensions; d++)
            {
                long cap = Math.Max(1, _alloc[z][d]);
                max = Math.Max(max, (double)(load[d] - _limit[z][d]) / cap);
            }

            return max;
        }

        private bool[] StaticEligibility(int w)
        {
            if (_staticByWorkload[w] is { } cached)
            {
                return cached;
            }

            WorkloadSnapshot workload = _snapshot.Workloads[w];
            string key = string.Create(
                CultureInfo.InvariantCulture,
                $"{(int)workload.RequiredLevel}|{(int)workload.NetworkPlane}|{string.Join(',', workload.AllowedRegions)}");
            if (!_staticCache.TryGetValue(key, out bool[]? eligible))
            {
                eligible = new bool[_zones.Count];
                for (int z = 0; z < _zones.Count; z++)
                {
                    eligible[z] = _owner._filters.AdmitsStatic(new FilterContext(workload, z, _zones[z], _state, IsMigration: true));
                }

                _staticCache[key] = eligible;
            }

            _staticByWorkload[w] = eligible;
            return eligible;
        }

        /// <summary>
        /// The best-scoring zone that passes every filter, stays under its target after the move, is not frozen and
        /// (for balance moves) ends below <paramref name="maxDominantAfter"/>; -1 when none.
        /// </summary>
        private int FindDestination(int w, int from, double maxDominantAfter)
        {
            bool[] eligible = StaticEligibility(w);
            WorkloadSnapshot workload = _snapshot.Workloads[w];
            ResourceVector req = workload.Requests;
            ZoneSnapshot source = _zones[from];
            int best = -1;
            double bestScore = double.NegativeInfinity;
            for (int z = 0; z < _zones.Count; z++)
            {
                if (z == from || !eligible[z] || _frozen[z])
                {
                    continue;
                }

                ResourceVector after = _state.LoadOf(z) + req;
                if (!after.FitsWithin(_limit[z]))
                {
                    continue;
                }

                if (maxDominantAfter < double.PositiveInfinity && after.DominantRatioOf(_alloc[z]) >= maxDominantAfter)
                {
                    continue;
                }

                var context = new FilterContext(workload, z, _zones[z], _state, IsMigration: true, source);
                if (!_owner._filters.AdmitsDynamic(context))
                {
                    continue;
                }

                double score = _owner._scores.Total(context);
                if (score > bestScore + 1e-12)
                {
                    best = z;
                    bestScore = score;
                }
            }

            return best;
        }

        private void Apply(int w, int from, int to, Reason reason)
        {
            _state.Move(w, to);
            _moved[w] = true;
            _movesFromZone[from]++;
            string tenant = _snapshot.Workloads[w].TenantId;
            _movesByTenant[tenant] = _movesByTenant.GetValueOrDefault(tenant) + 1;
            _moves.Add(new PlannedMove(w, from, to, reason));
            _activeMoves++;
        }

        private void Cancel(int index)
        {
            PlannedMove m = _moves[index];
            _state.Move(m.Workload, m.From);
            _moved[m.Workload] = false;
            _movesFromZone[m.From]--;
            _movesByTenant[_snapshot.Workloads[m.Workload].TenantId]--;
            _moves[index] = m with { Cancelled = true };
            _activeMoves--;
        }
    }

    private sealed record PlannedMove(int Workload, int From, int To, Reason Reason)
    {
        public bool Cancelled { get; init; }
    }
}
