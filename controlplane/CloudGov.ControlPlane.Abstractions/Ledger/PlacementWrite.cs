namespace CloudGov.ControlPlane.Abstractions.Ledger;

/// <summary>The ledger's answer to recording a placement: the record, or why it refused (the id is taken).</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.PlacementWrite")]
public sealed record PlacementWrite(
    [property: Id(0)] bool Recorded,
    [property: Id(1)] WorkloadRecord? Record,
    [property: Id(2)] string Conflict);
