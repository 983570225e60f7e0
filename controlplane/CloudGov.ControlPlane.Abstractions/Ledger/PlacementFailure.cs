namespace CloudGov.ControlPlane.Abstractions.Ledger;

/// <summary>A place command the zone's agent could not carry out.</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.PlacementFailure")]
public sealed record PlacementFailure(
    [property: Id(0)] string WorkloadId,
    [property: Id(1)] string CommandId,
    [property: Id(2)] string Message);
