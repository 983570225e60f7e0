namespace CloudGov.Scheduling.Filters;

/// <summary>MLPS 2.0 (等保): a zone never hosts a workload of a higher protection level than its own.</summary>
public sealed class MlpsLevelFilter : IPlacementFilter
{
    /// <summary>The filter's name.</summary>
    public const string FilterName = "mlps-level";

    /// <inheritdoc />
    public string Name => FilterName;

    /// <inheritdoc />
    public bool IsStatic => true;

    /// <inheritdoc />
    public bool Admits(in FilterContext context) => context.Zone.MlpsLevel >= context.Workload.RequiredLevel;

    /// <inheritdoc />
    public Rejection Explain(in FilterContext context)
    {
        int zone = (int)context.Zone.MlpsLevel;
        int need = (int)context.Workload.RequiredLevel;
        return new Rejection(
            FilterName,
            ReasonCodes.MlpsLevelTooLow,
            $"zone {context.Zone.Id} is certified for MLPS level {zone}, the workload requires level {need}",
            $"云区 {context.Zone.Id} 等保测评等级为第{zone}级，低于业务系统要求的第{need}级");
    }
}
