using CloudGov.Scheduling.Quota;

namespace CloudGov.Scheduling.Filters;

/// <summary>An ordered set of filters; a zone is eligible when every filter admits it.</summary>
public sealed class FilterPipeline
{
    private readonly IPlacementFilter[] _static;
    private readonly IPlacementFilter[] _dynamic;

    /// <summary>Creates a pipeline from filters, evaluated in the order given.</summary>
    public FilterPipeline(IEnumerable<IPlacementFilter> filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        Filters = [.. filters];
        _static = [.. Filters.Where(f => f.IsStatic)];
        _dynamic = [.. Filters.Where(f => !f.IsStatic)];
    }

    /// <summary>The filters, in evaluation order.</summary>
    public IReadOnlyList<IPlacementFilter> Filters { get; }

    /// <summary>
    /// The standard filters: zone status, compliance, MLPS level, residency, network plane, capacity, anti-affinity,
    /// tenant quota (unlimited when <paramref name="quota"/> is null).
    /// </summary>
    public static FilterPipeline CreateDefault(SchedulingOptions options, ITenantQuotaView? quota = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new FilterPipeline(
        [
            new ZoneStatusFilter(),
            new ZoneComplianceFilter(),
            new MlpsLevelFilter(),
            new ResidencyFilter(),
            new NetworkPlaneFilter(),
            new CapacityFilter(options.Headroom),
            new AntiAffinityFilter(),
            new TenantQuotaFilter(quota ?? UnlimitedTenantQuotaView.Instance),
        ]);
    }

    /// <summary>True when every static filter admits the zone.</summary>
    public bool AdmitsStatic(in FilterContext context)
    {
        foreach (IPlacementFilter filter in _static)
        {
            if (!filter.Admits(context))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when every state-dependent filter admits the zone.</summary>
    public bool AdmitsDynamic(in FilterContext context)
    {
        foreach (IPlacementFilter filter in _dynamic)
        {
            if (!filter.Admits(context))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when every filter admits the zone.</summary>
    public bool Admits(in FilterContext context) => AdmitsStatic(context) && AdmitsDynamic(context);

    /// <summary>Every rejection for the zone, in filter order; empty when eligible.</summary>
    public IReadOnlyList<Rejection> Explain(in FilterContext context)
    {
        List<Rejection>? rejections = null;
        foreach (IPlacementFilter filter in Filters)
        {
            if (!filter.Admits(context))
            {
                (rejections ??= []).Add(filter.Explain(context));
            }
        }

        return rejections ?? (IReadOnlyList<Rejection>)[];
    }
}
