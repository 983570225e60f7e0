using CloudGov.Domain;
using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;

namespace CloudGov.Scheduling.Rebalancing;

/// <summary>
/// Checks a plan against the snapshot it was made for, independently of the strategy that made it: every moved
/// workload exists, runs where the move says, is movable, outside its cooldown unless it must leave (a violated constraint or a draining zone; judged on the snapshot; a sequential plan may move a workload twice), into a zone that
/// passes every static filter and is not frozen; after all moves no receiving zone exceeds the capacity filter's
/// limit and no anti-affinity group shares a receiving zone. Used by tests, the benchmark and plan approval.
/// </summary>
public static class PlanValidator
{
    /// <summary>The violations found, each a readable sentence; empty when the plan is sound.</summary>
    public static IReadOnlyList<string> Validate(
        CloudSnapshot snapshot,
        IReadOnlyList<Move> moves,
        FilterPipeline filters,
        DateTimeOffset now,
        TimeSpan cooldown)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(moves);
        ArgumentNullException.ThrowIfNull(filters);
        var violations = new List<string>();
        var state = new ClusterState(snapshot);
        var receiving = new HashSet<int>();
        bool cloudFrozen = snapshot.FreezeWindows.Any(f => f.ZoneId is null && f.IsActive(now));
        var frozenZones = snapshot.FreezeWindows.Where(f => f.ZoneId is not null && f.IsActive(now)).Select(f => f.ZoneId!).ToHashSet(StringComparer.Ordinal);
        if (cloudFrozen && moves.Count > 0)
        {
            violations.Add("moves planned during a cloud-wide freeze window");
        }

        foreach (Move move in moves)
        {
            int w = snapshot.IndexOfWorkload(move.WorkloadId);
            int from = snapshot.IndexOfZone(move.FromZoneId);
            int to = snapshot.IndexOfZone(move.ToZoneId);
            if (w < 0 || from < 0 || to < 0)
            {
                violations.Add($"move {move.WorkloadId} {move.FromZoneId}->{move.ToZoneId} names an unknown workload or zone");
                continue;
            }

            WorkloadSnapshot workload = snapshot.Workloads[w];
            if (state.ZoneOf(w) != from)
            {
                violations.Add($"workload {workload.Id} is not in zone {move.FromZoneId}");
            }

            if (from == to)
            {
                violations.Add($"workload {workload.Id} moved to its own zone");
            }

            if (!workload.Movable)
            {
                violations.Add($"pinned workload {workload.Id} moved");
            }

            bool mustLeave = move.Reason.Code is ReasonCodes.PlacementViolation or ReasonCodes.ZoneDraining or ReasonCodes.BaselineEvacuation;
            if (!mustLeave && workload.LastMovedAt is { } last && now < last + cooldown)
            {
                violations.Add($"workload {workload.Id} moved inside its cooldown");
            }

            if (frozenZones.Contains(move.FromZoneId) || frozenZones.Contains(move.ToZoneId))
            {
                violations.Add($"workload {workload.Id} moved from or to a frozen zone");
            }

            var context = new FilterContext(workload, to, snapshot.Zones[to], state, IsMigration: true, snapshot.Zones[from]);
            foreach (IPlacementFilter filter in filters.Filters)
            {
                if (filter.IsStatic && !filter.Admits(context))
                {
                    violations.Add($"workload {workload.Id} -> {move.ToZoneId}: {filter.Explain(context)}");
                }
            }

            state.Move(w, to);
            receiving.Add(to);
        }

        CapacityFilter? capacity = filters.Filters.OfType<CapacityFilter>().FirstOrDefault();
        foreach (int z in receiving.Order())
        {
            ZoneSnapshot zone = snapshot.Zones[z];
            ResourceVector limit = capacity?.Limit(zone.Allocatable) ?? zone.Allocatable;
            if (zone.Allocatable.IsZero)
            {
                violations.Add($"zone {zone.Id} has no allocatable capacity but receives workloads");
            }
            else if (!state.LoadOf(z).FitsWithin(limit))
            {
                violations.Add($"zone {zone.Id} over its capacity limit after the plan: {state.LoadOf(z)} > {limit}");
            }
        }

        var groups = new Dictionary<(int, string), int>();
        for (int w = 0; w < snapshot.Workloads.Count; w++)
        {
            if (snapshot.Workloads[w].AntiAffinityGroup is { } g && receiving.Contains(state.ZoneOf(w)))
            {
                var key = (state.ZoneOf(w), g);
                groups[key] = groups.GetValueOrDefault(key) + 1;
            }
        }

        foreach (var ((z, g), n) in groups)
        {
            if (n > 1)
            {
                violations.Add($"anti-affinity group {g} has {n} workloads in zone {snapshot.Zones[z].Id} after the plan");
            }
        }

        return violations;
    }
}
