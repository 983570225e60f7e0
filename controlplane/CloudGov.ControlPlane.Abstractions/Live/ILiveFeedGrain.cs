namespace CloudGov.ControlPlane.Abstractions.Live;

/// <summary>
/// The cluster's live feed (key 0): the grains that own the state publish change signals, and every host with dashboard
/// circuits subscribes once and fans the signals out to its circuits. Holds no state worth keeping: a subscription lasts
/// <see cref="LiveFeed.SubscriptionLifetime"/> and is renewed by its host; a lost signal is covered by the hosts' slow safety timer.
/// </summary>
[Alias("cloudgov.ILiveFeedGrain")]
public interface ILiveFeedGrain : IGrainWithIntegerKey
{
    /// <summary>Subscribes (or renews) <paramref name="observer"/>.</summary>
    [Alias("Subscribe")]
    Task SubscribeAsync(ILiveFeedObserver observer);

    /// <summary>Ends <paramref name="observer"/>'s subscription.</summary>
    [Alias("Unsubscribe")]
    Task UnsubscribeAsync(ILiveFeedObserver observer);

    /// <summary>Tells every subscriber that <paramref name="topic"/> changed (one-way: publishers never wait on the feed).</summary>
    [Orleans.Concurrency.OneWay, Orleans.Concurrency.AlwaysInterleave, Alias("Publish")]
    Task PublishAsync(LiveTopic topic, string key);
}
