namespace CloudGov.ControlPlane.Abstractions.Zones;

/// <summary>A zone with its workloads as last reported, and when workloads were last placed into it by a command.</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.ZoneDetail")]
public sealed record ZoneDetail(
    [property: Id(0)] ZoneSummary Summary,
    [property: Id(1)] ImmutableArray<WorkloadObservation> Workloads,
    [property: Id(2)] ImmutableArray<PostureFact> Posture,
    [property: Id(3)] ImmutableDictionary<string, DateTimeOffset>? PlacedAt = null);
