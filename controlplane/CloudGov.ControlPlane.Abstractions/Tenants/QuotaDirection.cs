namespace CloudGov.ControlPlane.Abstractions.Tenants;

/// <summary>Which way a quota request changes an allocation.</summary>
[GenerateSerializer, Alias("cloudgov.QuotaDirection")]
public enum QuotaDirection
{
    /// <summary>More quota.</summary>
    Increase = 0,

    /// <summary>Less quota (handed back).</summary>
    Decrease = 1,
}
