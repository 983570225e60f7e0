namespace CloudGov.Agent;

/// <summary>The network plane names the agent's settings and labels use.</summary>
internal static class NetworkPlanes
{
    /// <summary>The plane named in <c>Agent:Zone:NetworkPlane</c> (EGovExtranet, Internet or EGovIntranet, any case); Unspecified when unknown.</summary>
    public static NetworkPlane Parse(string? plane) => plane?.ToLowerInvariant() switch
    {
        "egovextranet" or "extranet" => NetworkPlane.EgovExtranet,
        "internet" => NetworkPlane.Internet,
        "egovintranet" or "intranet" => NetworkPlane.EgovIntranet,
        _ => NetworkPlane.Unspecified,
    };

    /// <summary>The value of the <c>cloudgov.io/network-plane</c> label for a plane, or null when it has none.</summary>
    public static string? LabelValue(NetworkPlane plane) => plane switch
    {
        NetworkPlane.EgovExtranet => "egov-extranet",
        NetworkPlane.Internet => "internet",
        NetworkPlane.EgovIntranet => "egov-intranet",
        _ => null,
    };
}
