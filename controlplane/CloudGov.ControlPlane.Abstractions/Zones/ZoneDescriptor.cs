namespace CloudGov.ControlPlane.Abstractions.Zones;

/// <summary>The static description of a zone, as its agent declares it in Hello.</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.ZoneDescriptor")]
public sealed record ZoneDescriptor(
    [property: Id(0)] string DisplayName,
    [property: Id(1)] AdministrativeLevel AdministrativeLevel,
    [property: Id(2)] string RegionCode,
    [property: Id(3)] string Vendor,
    [property: Id(4)] ProviderKind Provider,
    [property: Id(5)] MlpsLevel MlpsLevel,
    [property: Id(6)] NetworkPlane NetworkPlane,
    [property: Id(7)] double CpuOvercommit,
    [property: Id(8)] double MemoryOvercommit,
    [property: Id(9)] ImmutableDictionary<string, string> Labels,
    [property: Id(10)] string AgentVersion);
