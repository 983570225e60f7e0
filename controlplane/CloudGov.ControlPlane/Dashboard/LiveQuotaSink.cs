using CloudGov.ControlPlane.Abstractions.Live;
using CloudGov.ControlPlane.Abstractions.Tenants;
using CloudGov.ControlPlane.Grains.Tenants;

namespace CloudGov.ControlPlane.Dashboard;

/// <summary>
/// Tells the live feed that quota changed, so the dashboards' quota views update without polling. One signal covers
/// every decision committed within <see cref="Window"/> of the first: the views re-read the committed state when the
/// signal arrives, so a burst of grants (hundreds of group commits a second) costs the feed and its subscribers one
/// message per window instead of one per commit, and a view is at most a window behind.
/// </summary>
internal sealed class LiveQuotaSink(IGrainFactory grains) : IQuotaDecisionSink
{
    /// <summary>How long after the first unsignalled decision the signal goes out.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(100);

    private int _scheduled;

    public Task RecordAsync(IReadOnlyList<QuotaDecision> decisions)
    {
        if (Interlocked.Exchange(ref _scheduled, 1) == 0)
        {
            // Off the quota grain's scheduler: the delay must not hold a turn, and the signal needs no grain context.
            _ = Task.Run(SignalAsync);
        }

        return Task.CompletedTask;
    }

    private async Task SignalAsync()
    {
        // Wall-clock plumbing, not the control plane's clock: a test host's frozen clock must not hold the signal back.
        await Task.Delay(Window).ConfigureAwait(false);
        // Cleared before the signal: a decision committed from here on schedules the next one; every decision before
        // it was committed before the views re-read.
        Volatile.Write(ref _scheduled, 0);
        grains.GetGrain<ILiveFeedGrain>(0).PublishAsync(LiveTopic.Quota, string.Empty).Ignore();
    }
}
