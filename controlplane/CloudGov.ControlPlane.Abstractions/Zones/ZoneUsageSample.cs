namespace CloudGov.ControlPlane.Abstractions.Zones;

/// <summary>One minute of a zone's usage history: what its latest report said at <see cref="At"/> (the minute's start).</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.ZoneUsageSample")]
public sealed record ZoneUsageSample(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] ResourceVector Capacity,
    [property: Id(2)] ResourceVector Usage,
    [property: Id(3)] ResourceVector Requested,
    [property: Id(4)] ZoneStatus Status);
