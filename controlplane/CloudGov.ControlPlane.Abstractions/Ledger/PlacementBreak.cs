namespace CloudGov.ControlPlane.Abstractions.Ledger;

/// <summary>A workload whose current zone breaks its (new) intent, with every broken rule.</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.PlacementBreak")]
public sealed record PlacementBreak(
    [property: Id(0)] string WorkloadId,
    [property: Id(1)] string ZoneId,
    [property: Id(2)] ImmutableArray<CloudGov.ControlPlane.Abstractions.Placement.PlacementReason> Reasons);
