namespace CloudGov.ControlPlane.Abstractions.Zones;

/// <summary>
/// One push of the one-cloud index to the hosts' zone-list copies: the latest summary of every zone that changed between
/// push <see cref="PreviousSequence"/> and <see cref="Sequence"/> of the index activation <see cref="Epoch"/>. A heartbeat
/// (nothing changed) has both sequences equal and no zones. A host that holds a different epoch or sequence than
/// <see cref="PreviousSequence"/> missed a push and re-reads the whole list.
/// </summary>
[GenerateSerializer, Immutable, Alias("cloudgov.ZoneListDelta")]
public sealed record ZoneListDelta(
    [property: Id(0)] Guid Epoch,
    [property: Id(1)] long PreviousSequence,
    [property: Id(2)] long Sequence,
    [property: Id(3)] ImmutableArray<ZoneSummary> Changed);
