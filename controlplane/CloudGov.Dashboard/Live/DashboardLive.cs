using CloudGov.ControlPlane.Abstractions.Live;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudGov.Dashboard.Live;

/// <summary>
/// This host's one subscription to the cluster's live feed, fanned out to its circuits as <see cref="Changed"/>. The
/// grains that own the state push (the zone index once per flush tick, each plan on every stored change, quota on every
/// committed decision, the baseline on every stored finding or waiver change); a slow safety timer
/// (<see cref="DashboardOptions.SafetyRefreshInterval"/>) raises every topic in case a one-way signal was lost. The
/// browser never polls anything: circuits re-render over their own connection.
/// </summary>
public sealed class DashboardLive(IGrainFactory grains, IOptions<DashboardOptions> options, TimeProvider time, ILogger<DashboardLive> logger)
    : BackgroundService, ILiveFeedObserver
{
    private LiveFeedSubscription? _feed;

    private LiveFeedSubscription Feed => _feed ??= new LiveFeedSubscription(grains, this);

    /// <summary>Raised (on a thread-pool thread) when a topic changed; the key names a plan for <see cref="LiveTopic.Plans"/>.</summary>
    public event Action<LiveTopic, string>? Changed;

    /// <summary>Signals received from the feed since start (for the benchmark and diagnostics).</summary>
    public long Received => Interlocked.Read(ref _received);

    private long _received;

    /// <inheritdoc />
    public Task ChangedAsync(LiveTopic topic, string key)
    {
        Interlocked.Increment(ref _received);
        Raise(topic, key);
        return Task.CompletedTask;
    }

    /// <summary>Raises a change locally (after this host's own action, so its circuits need not wait for the feed).</summary>
    public void Raise(LiveTopic topic, string key)
    {
        var handlers = Changed;
        if (handlers is null)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<Action<LiveTopic, string>>())
        {
            try
            {
                handler(topic, key);
            }
            catch (Exception ex)
            {
                DashboardLog.SubscriberFailed(logger, ex);
            }
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var renew = LiveFeed.RenewalInterval;
        var safety = options.Value.SafetyRefreshInterval;
        var sinceSafety = TimeSpan.Zero;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Min(renew.TotalSeconds, safety.TotalSeconds)), time);
        do
        {
            await Feed.RenewAsync(ex => DashboardLog.SubscribeFailed(logger, ex));
            sinceSafety += timer.Period;
            if (sinceSafety >= safety)
            {
                sinceSafety = TimeSpan.Zero;
                Raise(LiveTopic.Zones, string.Empty);
                Raise(LiveTopic.Plans, string.Empty);
                Raise(LiveTopic.Quota, string.Empty);
                Raise(LiveTopic.Security, string.Empty);
            }
        }
        while (await LiveFeedSubscription.NextTickAsync(timer, stoppingToken));

        // The subscription expires on its own if this fails.
        await Feed.EndAsync(ex => DashboardLog.SubscribeFailed(logger, ex));
    }
}
