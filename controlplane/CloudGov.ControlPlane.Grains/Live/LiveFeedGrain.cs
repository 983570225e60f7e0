using CloudGov.ControlPlane.Abstractions.Live;
using Orleans.Utilities;

namespace CloudGov.ControlPlane.Grains.Live;

/// <summary>
/// Fans change signals out to the subscribed hosts. In memory only: after a deactivation the hosts re-subscribe within
/// their renewal period, and their safety timer covers what was published meanwhile.
/// </summary>
internal sealed class LiveFeedGrain(ILogger<LiveFeedGrain> logger) : Grain, ILiveFeedGrain
{
    private readonly ObserverManager<ILiveFeedObserver> _observers = new(LiveFeed.SubscriptionLifetime, logger);

    /// <inheritdoc />
    public Task SubscribeAsync(ILiveFeedObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task UnsubscribeAsync(ILiveFeedObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task PublishAsync(LiveTopic topic, string key)
    {
        // One-way calls to the observers; one that failed is dropped by the manager and re-subscribes on its renewal.
        _observers.Notify(o => o.ChangedAsync(topic, key));
        return Task.CompletedTask;
    }
}
