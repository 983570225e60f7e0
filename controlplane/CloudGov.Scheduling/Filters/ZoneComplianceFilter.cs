namespace CloudGov.Scheduling.Filters;

/// <summary>
/// A zone that fails an enforced security baseline for the workload's MLPS level receives no workloads of that level, at
/// placement and at migration (a zone may be fit for level-2 systems and not for level-3 ones). The rejection names the rule.
/// </summary>
public sealed class ZoneComplianceFilter : IPlacementFilter
{
    /// <summary>The filter's name.</summary>
    public const string FilterName = "zone-compliance";

    /// <inheritdoc />
    public string Name => FilterName;

    /// <inheritdoc />
    public bool IsStatic => true;

    /// <inheritdoc />
    public bool Admits(in FilterContext context) => context.Zone.IsCompliant && context.Zone.BaselineBlock(context.Workload.RequiredLevel) is null;

    /// <inheritdoc />
    public Rejection Explain(in FilterContext context)
    {
        int level = (int)context.Workload.RequiredLevel;
        if (context.Zone.BaselineBlock(context.Workload.RequiredLevel) is { } rule)
        {
            return new(
                FilterName,
                ReasonCodes.ZoneNotCompliant,
                $"zone {context.Zone.Id} fails enforced security baseline rule {rule} for level-{level} systems",
                $"云区 {context.Zone.Id} 未通过第{level}级系统的强制安全基线规则 {rule}");
        }

        return new(
            FilterName,
            ReasonCodes.ZoneNotCompliant,
            $"zone {context.Zone.Id} fails an enforced security baseline",
            $"云区 {context.Zone.Id} 未通过强制执行的安全基线检查");
    }
}
