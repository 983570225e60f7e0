namespace CloudGov.ControlPlane.Abstractions.Zones;

/// <summary>
/// The one-cloud index (a single grain, key 0): the latest summary of every zone, pushed by the zone grains,
/// so the one-cloud view never fans out to every zone grain per query. Both calls only touch memory and interleave with
/// everything (the index writes itself behind, on a timer), so a read never waits behind a write.
/// </summary>
[Alias("cloudgov.IOneCloudIndexGrain")]
public interface IOneCloudIndexGrain : IGrainWithIntegerKey
{
    /// <summary>Stores a zone's latest summary (one-way: zone grains never wait on the index).</summary>
    [Orleans.Concurrency.OneWay, Orleans.Concurrency.AlwaysInterleave, Alias("Publish")]
    Task PublishAsync(ZoneSummary summary);

    /// <summary>Returns every known zone's summary, ordered by zone id.</summary>
    [Orleans.Concurrency.AlwaysInterleave, Alias("List")]
    Task<ImmutableArray<ZoneSummary>> ListAsync();

    /// <summary>
    /// Subscribes (or renews) a host's zone-list copy and returns the whole list: from then on the index pushes the changed
    /// zones to <paramref name="observer"/> once per tick (<see cref="IZoneListObserver"/>). A subscription not renewed
    /// within three <c>Zones:ListResyncInterval</c>s ends.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave, Alias("SubscribeList")]
    Task<ZoneListSnapshot> SubscribeAsync(IZoneListObserver observer);

    /// <summary>Ends <paramref name="observer"/>'s subscription.</summary>
    [Orleans.Concurrency.AlwaysInterleave, Alias("UnsubscribeList")]
    Task UnsubscribeAsync(IZoneListObserver observer);
}
