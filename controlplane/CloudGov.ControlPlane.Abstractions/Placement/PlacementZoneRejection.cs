namespace CloudGov.ControlPlane.Abstractions.Placement;

/// <summary>A zone that cannot take the workload, with every filter's reason.</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.PlacementZoneRejection")]
public sealed record PlacementZoneRejection(
    [property: Id(0)] string ZoneId,
    [property: Id(1)] ImmutableArray<PlacementReason> Reasons);
