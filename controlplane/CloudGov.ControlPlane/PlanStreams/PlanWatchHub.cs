using CloudGov.ControlPlane.Abstractions.Live;

namespace CloudGov.ControlPlane.PlanStreams;

/// <summary>
/// This host's one subscription to the cluster's live feed for <c>WatchPlan</c>: the plan grain publishes a one-way signal
/// after every stored change, the feed grain fans it out to the subscribed hosts, and this hub fans it out to the open
/// streams of that plan (a signal without a key, to every stream). It also counts the open streams against
/// <see cref="PlanWatchOptions.MaxStreamsPerHost"/>. The subscription is renewed every <see cref="LiveFeed.RenewalInterval"/>;
/// a signal lost meanwhile is covered by each stream's safety re-read.
/// </summary>
internal sealed class PlanWatchHub(IGrainFactory grains, IOptions<PlanWatchOptions> options, TimeProvider time, Metrics.ControlPlaneMetrics metrics, ILogger<PlanWatchHub> logger)
    : BackgroundService, ILiveFeedObserver
{
    private readonly Dictionary<string, HashSet<PlanWatchSubscription>> _byPlan = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private LiveFeedSubscription? _feed;
    private int _open;
    private long _received;

    private LiveFeedSubscription Feed => _feed ??= new LiveFeedSubscription(grains, this);

    /// <summary>Streams open on this host now.</summary>
    public int OpenStreams => Volatile.Read(ref _open);

    /// <summary>Plan signals received from the live feed since start (diagnostics).</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>
    /// Takes a stream slot and registers for <paramref name="planId"/>'s signals (before the stream's first read, so no
    /// change between that read and the registration is missed); null when every slot is taken.
    /// </summary>
    public PlanWatchSubscription? TryOpen(string planId)
    {
        if (Interlocked.Increment(ref _open) > options.Value.MaxStreamsPerHost)
        {
            Interlocked.Decrement(ref _open);
            return null;
        }

        metrics.WatchStreamOpened();

        var subscription = new PlanWatchSubscription(planId, this);
        lock (_lock)
        {
            if (!_byPlan.TryGetValue(planId, out var set))
            {
                _byPlan[planId] = set = [];
            }

            set.Add(subscription);
        }

        return subscription;
    }

    /// <summary>Frees <paramref name="subscription"/>'s slot (once; called by its Dispose).</summary>
    internal void Close(PlanWatchSubscription subscription)
    {
        lock (_lock)
        {
            if (_byPlan.TryGetValue(subscription.PlanId, out var set) && set.Remove(subscription) && set.Count == 0)
            {
                _byPlan.Remove(subscription.PlanId);
            }
        }

        Interlocked.Decrement(ref _open);
        metrics.WatchStreamClosed();
    }

    /// <inheritdoc />
    public Task ChangedAsync(LiveTopic topic, string key)
    {
        if (topic == LiveTopic.Plans)
        {
            Interlocked.Increment(ref _received);
            Signal(key);
        }

        return Task.CompletedTask;
    }

    /// <summary>Wakes the streams of <paramref name="planId"/> (every stream when empty).</summary>
    public void Signal(string planId)
    {
        lock (_lock)
        {
            if (planId.Length == 0)
            {
                foreach (var subscription in _byPlan.Values.SelectMany(s => s))
                {
                    subscription.Signal();
                }
            }
            else if (_byPlan.TryGetValue(planId, out var set))
            {
                foreach (var subscription in set)
                {
                    subscription.Signal();
                }
            }
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(LiveFeed.RenewalInterval, time);
        do
        {
            // The silo may still be starting or stopping; the next renewal tries again and the safety re-reads cover the gap.
            await Feed.RenewAsync(ex => PlanWatchLog.SubscribeFailed(logger, ex));
        }
        while (await LiveFeedSubscription.NextTickAsync(timer, stoppingToken));

        // The subscription expires on its own if this fails.
        await Feed.EndAsync(ex => PlanWatchLog.SubscribeFailed(logger, ex));
    }
}
