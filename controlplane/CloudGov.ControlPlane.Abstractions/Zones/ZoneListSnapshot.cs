namespace CloudGov.ControlPlane.Abstractions.Zones;

/// <summary>
/// The whole zone list as of push <see cref="Sequence"/> of index activation <see cref="Epoch"/> (it may already hold
/// changes that the next push carries again; applying a zone's latest summary twice is harmless).
/// </summary>
[GenerateSerializer, Immutable, Alias("cloudgov.ZoneListSnapshot")]
public sealed record ZoneListSnapshot(
    [property: Id(0)] Guid Epoch,
    [property: Id(1)] long Sequence,
    [property: Id(2)] ImmutableArray<ZoneSummary> Zones);
