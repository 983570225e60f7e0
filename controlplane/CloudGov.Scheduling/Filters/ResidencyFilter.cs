using CloudGov.Scheduling.Model;

namespace CloudGov.Scheduling.Filters;

/// <summary>
/// Data residency: the zone's region code must be covered by one of the workload's allowed region codes
/// (prefix match on the significant digits, see <see cref="RegionCodes"/>). An empty list allows every region.
/// </summary>
public sealed class ResidencyFilter : IPlacementFilter
{
    /// <summary>The filter's name.</summary>
    public const string FilterName = "residency";

    /// <inheritdoc />
    public string Name => FilterName;

    /// <inheritdoc />
    public bool IsStatic => true;

    /// <inheritdoc />
    public bool Admits(in FilterContext context) =>
        RegionCodes.Allows(context.Workload.AllowedRegions, context.Zone.RegionCode);

    /// <inheritdoc />
    public Rejection Explain(in FilterContext context)
    {
        string allowed = string.Join(",", context.Workload.AllowedRegions);
        return new Rejection(
            FilterName,
            ReasonCodes.ResidencyNotAllowed,
            $"zone {context.Zone.Id} is in region {context.Zone.RegionCode}, outside the allowed regions [{allowed}]",
            $"云区 {context.Zone.Id} 位于行政区划 {context.Zone.RegionCode}，不在数据驻留允许范围 [{allowed}] 内");
    }
}
