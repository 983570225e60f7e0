namespace CloudGov.Scheduling.Rebalancing;

/// <summary>A zone's predicted utilization before and after a plan, against its target.</summary>
public sealed record ZoneUtilization(string ZoneId, double Target, Utilization Before, Utilization After)
{
    /// <summary>True when some dimension is over target before the plan.</summary>
    public bool HotBefore => Before.Dominant > Target + UtilizationMath.Epsilon;

    /// <summary>True when some dimension is over target after the plan.</summary>
    public bool HotAfter => After.Dominant > Target + UtilizationMath.Epsilon;
}
