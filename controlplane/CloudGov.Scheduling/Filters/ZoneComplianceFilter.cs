namespace CloudGov.Scheduling.Filters;

/// <summary>A zone that currently fails an enforced security baseline receives no workloads.</summary>
public sealed class ZoneComplianceFilter : IPlacementFilter
{
    /// <summary>The filter's name.</summary>
    public const string FilterName = "zone-compliance";

    /// <inheritdoc />
    public string Name => FilterName;

    /// <inheritdoc />
    public bool IsStatic => true;

    /// <inheritdoc />
    public bool Admits(in FilterContext context) => context.Zone.IsCompliant;

    /// <inheritdoc />
    public Rejection Explain(in FilterContext context) => new(
        FilterName,
        ReasonCodes.ZoneNotCompliant,
        $"zone {context.Zone.Id} fails an enforced security baseline",
        $"云区 {context.Zone.Id} 未通过强制执行的安全基线检查");
}
