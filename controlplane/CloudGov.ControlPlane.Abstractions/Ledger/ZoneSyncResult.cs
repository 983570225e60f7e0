namespace CloudGov.ControlPlane.Abstractions.Ledger;

/// <summary>A shard's answer to a zone's sync: every workload of the shard recorded in the zone that the zone does not report.</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.ZoneSyncResult")]
public sealed record ZoneSyncResult(
    [property: Id(0)] ImmutableArray<string> Expected);
