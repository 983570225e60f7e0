using CloudGov.Domain;
using CloudGov.Scheduling.Model;

namespace CloudGov.Scheduling.Rebalancing;

/// <summary>Builds a <see cref="RebalancePlan"/> from moves: predicts utilization and the balance index.</summary>
public static class PlanBuilder
{
    /// <summary>
    /// The plan for <paramref name="moves"/> over <paramref name="snapshot"/>. The balance index counts the zones
    /// that can take part in balancing (Ready, with allocatable capacity).
    /// </summary>
    public static RebalancePlan Build(
        string strategy,
        RebalanceRequest request,
        IReadOnlyList<Move> moves,
        IReadOnlyList<Reason> notes)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Build(strategy, request, moves, notes, request.Snapshot.ZoneLoads());
    }

    /// <summary>As <see cref="Build(string, RebalanceRequest, IReadOnlyList{Move}, IReadOnlyList{Reason})"/>, with the snapshot's zone loads already summed (a planner's own copy; not changed).</summary>
    internal static RebalancePlan Build(
        string strategy,
        RebalanceRequest request,
        IReadOnlyList<Move> moves,
        IReadOnlyList<Reason> notes,
        ResourceVector[] before)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(moves);
        CloudSnapshot snapshot = request.Snapshot;
        var after = (ResourceVector[])before.Clone();
        foreach (Move move in moves)
        {
            after[snapshot.IndexOfZone(move.FromZoneId)] -= move.Requests;
            after[snapshot.IndexOfZone(move.ToZoneId)] += move.Requests;
        }

        var zones = new ZoneUtilization[snapshot.Zones.Count];
        var pool = new List<ZoneSnapshot>();
        var poolBefore = new List<ResourceVector>();
        var poolAfter = new List<ResourceVector>();
        for (int z = 0; z < zones.Length; z++)
        {
            ZoneSnapshot zone = snapshot.Zones[z];
            ResourceVector alloc = zone.Allocatable;
            zones[z] = new ZoneUtilization(zone.Id, zone.TargetUtilization, Utilization.Of(before[z], alloc), Utilization.Of(after[z], alloc));
            if (zone.Status == ZoneStatus.Ready && !alloc.IsZero)
            {
                pool.Add(zone);
                poolBefore.Add(before[z]);
                poolAfter.Add(after[z]);
            }
        }

        return new RebalancePlan(
            strategy,
            request.Now,
            moves,
            zones,
            UtilizationMath.BalanceIndex(pool, poolBefore),
            UtilizationMath.BalanceIndex(pool, poolAfter),
            notes);
    }
}
