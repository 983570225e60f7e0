namespace CloudGov.ControlPlane.Grains.Zones;

/// <summary>What a zone history segment stores: its samples, oldest first, all within one hour of one day.</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.ZoneHistoryState")]
public sealed record ZoneHistoryState
{
    /// <summary>The samples, oldest first (at most <see cref="ZoneHistory.SamplesPerSegment"/>).</summary>
    [Id(0)] public ImmutableArray<ZoneUsageSample> Samples { get; init; } = [];
}
