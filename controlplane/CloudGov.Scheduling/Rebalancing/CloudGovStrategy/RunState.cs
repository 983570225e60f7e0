using CloudGov.Domain;
using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;

namespace CloudGov.Scheduling.Rebalancing.CloudGovStrategy;

/// <summary>
/// The working state of one planning run, shared by the phases: the simulated allocation, each zone's target limit,
/// frozen zones, which workloads already moved, the budgets used, the moves in order and the plan's notes. Every
/// change of the allocation goes through <see cref="Apply"/> and <see cref="Cancel"/>, which keep the counters right.
/// </summary>
internal sealed class RunState
{
    private readonly bool[] _moved;
    private readonly int[] _movesFromZone;
    private readonly int[] _arrivals;
    private readonly int[] _coolingFrom;
    private readonly int[] _chainedCoolingFrom;
    private readonly List<int> _dependents = [];
    private readonly ResourceVector[] _initialLoads;
    private readonly Dictionary<string, int> _movesByTenant = new(StringComparer.Ordinal);
    private bool _budgetNoted;

    public RunState(RebalanceRequest request, CloudGovRebalanceOptions options, FilterPipeline filters, Scores.ScoreSet scores, IReadOnlyList<IPlacementFilter> constraintFilters)
    {
        Request = request;
        Options = options;
        Filters = filters;
        Scores = scores;
        ConstraintFilters = constraintFilters;
        Snapshot = request.Snapshot;
        Cluster = new ClusterState(Snapshot);
        Zones = Snapshot.Zones;
        int zoneCount = Zones.Count;
        Limit = new ResourceVector[zoneCount];
        Alloc = new ResourceVector[zoneCount];
        Frozen = new bool[zoneCount];
        CooledSource = new bool[zoneCount];
        _movesFromZone = new int[zoneCount];
        _arrivals = new int[zoneCount];
        _coolingFrom = new int[zoneCount];
        _chainedCoolingFrom = new int[zoneCount];
        _initialLoads = new ResourceVector[zoneCount];
        for (int z = 0; z < zoneCount; z++)
        {
            Limit[z] = UtilizationMath.TargetLimit(Zones[z]);
            Alloc[z] = Zones[z].Allocatable;
            _initialLoads[z] = Cluster.LoadOf(z);
        }

        _moved = new bool[Snapshot.Workloads.Count];
    }

    public RebalanceRequest Request { get; }

    public CloudGovRebalanceOptions Options { get; }

    public FilterPipeline Filters { get; }

    public Scores.ScoreSet Scores { get; }

    /// <summary>The static filters that make a workload's current zone a violation (level, residency, plane).</summary>
    public IReadOnlyList<IPlacementFilter> ConstraintFilters { get; }

    public CloudSnapshot Snapshot { get; }

    public ClusterState Cluster { get; }

    public IReadOnlyList<ZoneSnapshot> Zones { get; }

    /// <summary>Per zone, <c>floor(allocatable × target)</c>: the most it may hold and not be hot.</summary>
    public ResourceVector[] Limit { get; }

    public ResourceVector[] Alloc { get; }

    /// <summary>Zones under an active freeze window: they neither send nor receive.</summary>
    public bool[] Frozen { get; }

    /// <summary>Zones cooled by this plan; make-room moves do not take workloads out of them (the zone could then have cooled with fewer moves).</summary>
    public bool[] CooledSource { get; }

    public List<PlannedMove> Moves { get; } = [];

    public List<Reason> Notes { get; } = [];

    public int ActiveMoves { get; private set; }

    /// <summary>Changes on every applied or cancelled move; phases key their caches of loads on it.</summary>
    public int Version { get; private set; }

    /// <summary>
    /// A signature of the active moves (order-independent): equal before and after a step that applied moves and took
    /// them all back, so the round loop stops when nothing stays changed.
    /// </summary>
    public long Signature { get; private set; }

    public WorkloadSnapshot Workload(int w) => Snapshot.Workloads[w];

    /// <summary>Active moves into the zone.</summary>
    public int ArrivalsTo(int z) => _arrivals[z];

    /// <summary>Active cooling moves (<c>ZONE_OVER_TARGET</c>) out of the zone, and how many of them a make-room move enabled.</summary>
    public (int Moves, int Chained) CoolingMovesFrom(int z) => (_coolingFrom[z], _chainedCoolingFrom[z]);

    /// <summary>True when some active move names the move at <paramref name="index"/> as its enabler.</summary>
    public bool IsEnabler(int index) => _dependents[index] > 0;

    /// <summary>True when the zone's load now exceeds its target limit in some dimension.</summary>
    public bool IsHot(int z) => !Cluster.LoadOf(z).FitsWithin(Limit[z]);

    /// <summary>Zones that may send workloads (Ready, Degraded or Draining).</summary>
    public bool IsSource(int z) => Zones[z].Status is ZoneStatus.Ready or ZoneStatus.Degraded or ZoneStatus.Draining;

    /// <summary>True when the workload may move now: movable, not moved in this plan, outside its cooldown (unless ignored), within the tenant budget.</summary>
    public bool CanMove(int w, bool ignoreCooldown = false)
    {
        if (_moved[w])
        {
            return false;
        }

        WorkloadSnapshot workload = Snapshot.Workloads[w];
        if (!workload.Movable)
        {
            return false;
        }

        if (!ignoreCooldown && workload.LastMovedAt is { } last && Request.Now < last + Options.Cooldown)
        {
            return false;
        }

        return Options.MaxMovesPerTenant is not { } perTenant
            || !_movesByTenant.TryGetValue(workload.TenantId, out int n) || n < perTenant;
    }

    /// <summary>True when the plan and source-zone budgets allow one more move from the zone; notes the first refusal.</summary>
    public bool BudgetAllows(int sourceZone, int extra = 1)
    {
        bool ok = (Options.MaxMovesPerPlan is not { } plan || ActiveMoves + extra <= plan)
            && (Options.MaxMovesPerSourceZone is not { } perZone || _movesFromZone[sourceZone] + 1 <= perZone);
        if (!ok && !_budgetNoted)
        {
            _budgetNoted = true;
            Notes.Add(ReasonTexts.BudgetExhausted());
        }

        return ok;
    }

    /// <summary>The first hard constraint the workload's current zone breaks, or null.</summary>
    public Rejection? Violation(int w, int z)
    {
        var context = new FilterContext(Snapshot.Workloads[w], z, Zones[z], Cluster, IsMigration: false);
        foreach (IPlacementFilter filter in ConstraintFilters)
        {
            if (!filter.Admits(context))
            {
                return filter.Explain(context);
            }
        }

        return null;
    }

    /// <summary>Moves the workload in the simulation and records the move; returns its index.</summary>
    public int Apply(int w, int from, int to, Reason reason, int enabledBy = -1)
    {
        Cluster.Move(w, to);
        _moved[w] = true;
        _movesFromZone[from]++;
        string tenant = Snapshot.Workloads[w].TenantId;
        _movesByTenant[tenant] = _movesByTenant.GetValueOrDefault(tenant) + 1;
        Moves.Add(new PlannedMove(w, from, to, reason, enabledBy));
        _dependents.Add(0);
        Count(Moves[^1], 1);
        ActiveMoves++;
        Version++;
        Signature += MoveHash(w, to);
        return Moves.Count - 1;
    }

    /// <summary>Takes a move back (the workload returns to its source); the entry stays, marked cancelled.</summary>
    public void Cancel(int index)
    {
        PlannedMove m = Moves[index];
        if (m.Cancelled)
        {
            return;
        }

        Cluster.Move(m.Workload, m.From);
        _moved[m.Workload] = false;
        _movesFromZone[m.From]--;
        _movesByTenant[Snapshot.Workloads[m.Workload].TenantId]--;
        Moves[index] = m with { Cancelled = true };
        Count(m, -1);
        ActiveMoves--;
        Version++;
        Signature -= MoveHash(m.Workload, m.To);
    }

    /// <summary>Re-applies a cancelled move in place (its position in the plan is kept); the exchange pass's undo.</summary>
    public void Restore(int index)
    {
        PlannedMove m = Moves[index];
        if (!m.Cancelled)
        {
            return;
        }

        Cluster.Move(m.Workload, m.To);
        _moved[m.Workload] = true;
        _movesFromZone[m.From]++;
        string tenant = Snapshot.Workloads[m.Workload].TenantId;
        _movesByTenant[tenant] = _movesByTenant.GetValueOrDefault(tenant) + 1;
        Moves[index] = m with { Cancelled = false };
        Count(m, 1);
        ActiveMoves++;
        Version++;
        Signature += MoveHash(m.Workload, m.To);
    }

    /// <summary>Takes back every move from <paramref name="firstMove"/> on, latest first, restoring the state as it was.</summary>
    public void RollbackTo(int firstMove)
    {
        for (int i = Moves.Count - 1; i >= firstMove; i--)
        {
            Cancel(i);
        }

        Moves.RemoveRange(firstMove, Moves.Count - firstMove);
        _dependents.RemoveRange(firstMove, _dependents.Count - firstMove);
    }

    /// <summary>
    /// Applies again, in order, the moves of <paramref name="moves"/> that were not cancelled: a range taken from
    /// <see cref="Moves"/> at index <see cref="List{T}.Count"/> of now, before <see cref="RollbackTo"/> removed it. An
    /// enabler inside the range is remapped to where it lands; the state is then as before the rollback, less the
    /// cancelled entries.
    /// </summary>
    public void Reapply(IReadOnlyList<PlannedMove> moves)
    {
        int start = Moves.Count;
        var index = new int[moves.Count];
        for (int i = 0; i < moves.Count; i++)
        {
            PlannedMove m = moves[i];
            int enabledBy = m.EnabledBy >= start ? index[m.EnabledBy - start] : m.EnabledBy;
            index[i] = m.Cancelled ? -1 : Apply(m.Workload, m.From, m.To, m.Reason, enabledBy);
        }
    }

    /// <summary>Keeps the per-zone and per-move counters right when a move becomes active (+1) or not (−1).</summary>
    private void Count(PlannedMove m, int delta)
    {
        _arrivals[m.To] += delta;
        if (m.EnabledBy >= 0)
        {
            _dependents[m.EnabledBy] += delta;
        }

        if (m.Reason.Code == ReasonCodes.ZoneOverTarget)
        {
            _coolingFrom[m.From] += delta;
            if (m.EnabledBy >= 0)
            {
                _chainedCoolingFrom[m.From] += delta;
            }
        }
    }

    private static long MoveHash(int w, int to) => unchecked((w * -7046029254386353131L) ^ ((to + 1) * -4417276706812531889L));

    /// <summary>The plan of the moves not cancelled, with the notes.</summary>
    public RebalancePlan Finish(string strategy)
    {
        var moves = new List<Move>(ActiveMoves);
        foreach (PlannedMove m in Moves)
        {
            if (m.Cancelled)
            {
                continue;
            }

            WorkloadSnapshot w = Snapshot.Workloads[m.Workload];
            moves.Add(new Move(w.Id, w.TenantId, Zones[m.From].Id, Zones[m.To].Id, w.Requests, w.MigrationCost, m.Reason));
        }

        return PlanBuilder.Build(strategy, Request, moves, Notes, _initialLoads);
    }
}
