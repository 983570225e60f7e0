namespace CloudGov.Scheduling;

/// <summary>
/// Settings shared by placement and rebalancing: capacity headroom and score weights.
/// Bound from <see cref="SectionName"/>; checked by <see cref="SchedulingOptionsValidator"/>.
/// </summary>
public sealed class SchedulingOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "CloudGov:Scheduling";

    /// <summary>Fraction of each zone's allocatable capacity never allocated. Default 0.05; range [0, 0.5].</summary>
    public double Headroom { get; set; } = 0.05;

    /// <summary>Weight of the balance score (prefer emptier zones). Default 1.0; range [0, 10].</summary>
    public double BalanceWeight { get; set; } = 1.0;

    /// <summary>Weight of the packing score (prefer fuller zones). Default 0; range [0, 10].</summary>
    public double PackingWeight { get; set; }

    /// <summary>Weight of the cost score (prefer cheaper zones). Default 0.2; range [0, 10].</summary>
    public double CostWeight { get; set; } = 0.2;

    /// <summary>Weight of the stability score (prefer zones near the source). Default 0.1; range [0, 10].</summary>
    public double StabilityWeight { get; set; } = 0.1;
}
