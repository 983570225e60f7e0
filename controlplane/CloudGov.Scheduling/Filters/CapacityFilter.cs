using CloudGov.Domain;

namespace CloudGov.Scheduling.Filters;

/// <summary>
/// Capacity with headroom and over-commit: in every dimension the zone's load plus the workload's requests
/// must stay within <c>capacity × over-commit × (1 − headroom)</c>.
/// </summary>
public sealed class CapacityFilter : IPlacementFilter
{
    /// <summary>The filter's name.</summary>
    public const string FilterName = "capacity";

    private readonly double _usable;

    /// <summary>Creates the filter with a headroom fraction in [0, 0.5].</summary>
    public CapacityFilter(double headroom)
    {
        if (!(headroom >= 0 && headroom <= 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(headroom), headroom, "headroom must be within [0, 0.5]");
        }

        Headroom = headroom;
        _usable = 1.0 - headroom;
    }

    /// <summary>The fraction of allocatable capacity kept free.</summary>
    public double Headroom { get; }

    /// <inheritdoc />
    public string Name => FilterName;

    /// <inheritdoc />
    public bool IsStatic => false;

    /// <summary>The most a zone may hold in each dimension under this filter.</summary>
    public ResourceVector Limit(ResourceVector allocatable) => allocatable.Scale(_usable);

    /// <summary>Admits when the zone has some allocatable capacity (a zero-capacity zone receives nothing, not even a
    /// zero request) and the load plus the request stays within the limit in every dimension.</summary>
    public bool Admits(in FilterContext context) =>
        !context.Zone.Allocatable.IsZero
        && (context.Cluster.LoadOf(context.ZoneIndex) + context.Workload.Requests).FitsWithin(Limit(context.Zone.Allocatable));

    /// <inheritdoc />
    public Rejection Explain(in FilterContext context)
    {
        if (context.Zone.Allocatable.IsZero)
        {
            return new Rejection(
                FilterName,
                ReasonCodes.CapacityInsufficient,
                $"zone {context.Zone.Id} has no allocatable capacity",
                $"云区 {context.Zone.Id} 没有可分配容量");
        }

        ResourceVector limit = Limit(context.Zone.Allocatable);
        ResourceVector free = limit - context.Cluster.LoadOf(context.ZoneIndex);
        ResourceVector need = context.Workload.Requests;
        int dim = 0;
        for (int d = 0; d < ResourceVector.Dimensions; d++)
        {
            if (need[d] > free[d])
            {
                dim = d;
                break;
            }
        }

        string name = ResourceVector.DimensionNames[dim];
        long freeInDim = Math.Max(0, free[dim]);
        return new Rejection(
            FilterName,
            ReasonCodes.CapacityInsufficient,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"needs {need[dim]} {name} but zone {context.Zone.Id} has {freeInDim} free under {Headroom:P0} headroom"),
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"需要 {name} {need[dim]}，云区 {context.Zone.Id} 在保留 {Headroom:P0} 余量后仅剩 {freeInDim}"));
    }
}
