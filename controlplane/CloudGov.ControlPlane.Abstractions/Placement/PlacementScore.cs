namespace CloudGov.ControlPlane.Abstractions.Placement;

/// <summary>One score's contribution to a zone's total: the raw value in [0, 1] and its configured weight.</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.PlacementScore")]
public sealed record PlacementScore(
    [property: Id(0)] string Name,
    [property: Id(1)] double Value,
    [property: Id(2)] double Weight);
