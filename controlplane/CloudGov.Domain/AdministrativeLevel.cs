namespace CloudGov.Domain;

/// <summary>The administrative level a zone serves (省 / 市 / 县).</summary>
[GenerateSerializer, Alias("cloudgov.AdministrativeLevel")]
public enum AdministrativeLevel
{
    /// <summary>Not set; rejected by validation.</summary>
    Unspecified = 0,

    /// <summary>Province (省级).</summary>
    Province = 1,

    /// <summary>Prefecture-level city (市级).</summary>
    City = 2,

    /// <summary>County or district (县级).</summary>
    County = 3,
}
