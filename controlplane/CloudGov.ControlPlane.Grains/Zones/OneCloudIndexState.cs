namespace CloudGov.ControlPlane.Grains.Zones;

/// <summary>What the one-cloud index stores: the latest summary of every zone.</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.OneCloudIndexState")]
public sealed record OneCloudIndexState
{
    /// <summary>Summaries by zone id.</summary>
    [Id(0)] public ImmutableSortedDictionary<string, ZoneSummary> Zones { get; init; } = ImmutableSortedDictionary<string, ZoneSummary>.Empty.WithComparers(StringComparer.Ordinal);
}
