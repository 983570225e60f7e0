namespace CloudGov.Scheduling.Filters;

/// <summary>Workloads of one anti-affinity group never share a zone.</summary>
public sealed class AntiAffinityFilter : IPlacementFilter
{
    /// <summary>The filter's name.</summary>
    public const string FilterName = "anti-affinity";

    /// <inheritdoc />
    public string Name => FilterName;

    /// <inheritdoc />
    public bool IsStatic => false;

    /// <inheritdoc />
    public bool Admits(in FilterContext context) =>
        context.Workload.AntiAffinityGroup is not { } group || context.Cluster.AntiAffinityCount(context.ZoneIndex, group) == 0;

    /// <inheritdoc />
    public Rejection Explain(in FilterContext context) => new(
        FilterName,
        ReasonCodes.AntiAffinityConflict,
        $"zone {context.Zone.Id} already runs a workload of anti-affinity group '{context.Workload.AntiAffinityGroup}'",
        $"云区 {context.Zone.Id} 已运行反亲和组“{context.Workload.AntiAffinityGroup}”中的业务系统");
}
