namespace CloudGov.Scheduling.Rebalancing;

/// <summary>
/// A proposed plan: the moves with their reasons, the predicted per-zone utilization before and after, the
/// balance index before and after, and notes on what the strategy could not do (zones left hot, budgets hit).
/// </summary>
public sealed record RebalancePlan(
    string Strategy,
    DateTimeOffset PlannedAt,
    IReadOnlyList<Move> Moves,
    IReadOnlyList<ZoneUtilization> Zones,
    double BalanceIndexBefore,
    double BalanceIndexAfter,
    IReadOnlyList<Reason> Notes)
{
    /// <summary>The sum of the moves' migration costs.</summary>
    public double TotalMigrationCost => Moves.Sum(m => m.MigrationCost);

    /// <summary>The highest dominant utilization of any zone before the plan.</summary>
    public double PeakBefore => Zones.Count == 0 ? 0 : Zones.Max(z => z.Before.Dominant);

    /// <summary>The highest dominant utilization of any zone after the plan.</summary>
    public double PeakAfter => Zones.Count == 0 ? 0 : Zones.Max(z => z.After.Dominant);

    /// <summary>How many zones are over target after the plan.</summary>
    public int HotZonesAfter => Zones.Count(z => z.HotAfter);

    /// <summary>How many zones were over target before the plan.</summary>
    public int HotZonesBefore => Zones.Count(z => z.HotBefore);
}
