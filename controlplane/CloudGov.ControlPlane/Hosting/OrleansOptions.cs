namespace CloudGov.ControlPlane.Hosting;

/// <summary>The silo's identity and ports. Bound from the <c>Orleans</c> section.</summary>
public sealed class OrleansOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Orleans";

    /// <summary>Cluster id; hosts with the same id form one cluster. Default "cloudgov".</summary>
    public string ClusterId { get; set; } = "cloudgov";

    /// <summary>Service id; stable across deployments (it keys stored state). Default "cloudgov".</summary>
    public string ServiceId { get; set; } = "cloudgov";

    /// <summary>Silo-to-silo port. Default 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port. Default 30000.</summary>
    public int GatewayPort { get; set; } = 30000;
}
