namespace CloudGov.ControlPlane.Abstractions.Ledger;

/// <summary>What the ledger checks a workload's intent against where it runs.</summary>
/// <param name="ZoneId">The zone.</param>
/// <param name="MlpsLevel">The MLPS level it is certified for.</param>
/// <param name="RegionCode">Its six-digit region code.</param>
/// <param name="NetworkPlane">Its network plane.</param>
[GenerateSerializer, Immutable, Alias("cloudgov.ZoneFacts")]
public sealed record ZoneFacts(
    [property: Id(0)] string ZoneId,
    [property: Id(1)] MlpsLevel MlpsLevel,
    [property: Id(2)] string RegionCode,
    [property: Id(3)] NetworkPlane NetworkPlane)
{
    /// <summary>The facts of a zone's descriptor.</summary>
    public static ZoneFacts Of(string zoneId, ZoneDescriptor descriptor) =>
        new(zoneId, descriptor.MlpsLevel, descriptor.RegionCode, descriptor.NetworkPlane);
}
