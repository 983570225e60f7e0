namespace CloudGov.ControlPlane.Abstractions.Placement;

/// <summary>An eligible zone with its total score and the weighted scores that made it.</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.PlacementCandidate")]
public sealed record PlacementCandidate(
    [property: Id(0)] string ZoneId,
    [property: Id(1)] double TotalScore,
    [property: Id(2)] ImmutableArray<PlacementScore> Scores);
