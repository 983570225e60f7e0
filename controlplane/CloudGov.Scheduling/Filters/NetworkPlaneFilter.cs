using CloudGov.Domain;

namespace CloudGov.Scheduling.Filters;

/// <summary>A workload runs only on the network plane it requires (政务外网 / 互联网区 / 政务内网).</summary>
public sealed class NetworkPlaneFilter : IPlacementFilter
{
    /// <summary>The filter's name.</summary>
    public const string FilterName = "network-plane";

    /// <inheritdoc />
    public string Name => FilterName;

    /// <inheritdoc />
    public bool IsStatic => true;

    /// <inheritdoc />
    public bool Admits(in FilterContext context) => context.Zone.NetworkPlane == context.Workload.NetworkPlane;

    /// <inheritdoc />
    public Rejection Explain(in FilterContext context) => new(
        FilterName,
        ReasonCodes.NetworkPlaneMismatch,
        $"zone {context.Zone.Id} is on the {context.Zone.NetworkPlane} plane, the workload requires {context.Workload.NetworkPlane}",
        $"云区 {context.Zone.Id} 位于{Chinese(context.Zone.NetworkPlane)}，业务系统要求{Chinese(context.Workload.NetworkPlane)}");

    /// <summary>The Chinese name of a network plane.</summary>
    public static string Chinese(NetworkPlane plane) => plane switch
    {
        NetworkPlane.EGovExtranet => "政务外网",
        NetworkPlane.Internet => "互联网区",
        NetworkPlane.EGovIntranet => "政务内网",
        _ => "未指定网络平面",
    };
}
