namespace CloudGov.Domain;

/// <summary>The network plane a zone sits on and a workload must run in.</summary>
[GenerateSerializer, Alias("cloudgov.NetworkPlane")]
public enum NetworkPlane
{
    /// <summary>Not set; rejected by validation.</summary>
    Unspecified = 0,

    /// <summary>E-government extranet (政务外网).</summary>
    EGovExtranet = 1,

    /// <summary>Internet-facing (互联网区).</summary>
    Internet = 2,

    /// <summary>Isolated e-government intranet (政务内网).</summary>
    EGovIntranet = 3,
}
