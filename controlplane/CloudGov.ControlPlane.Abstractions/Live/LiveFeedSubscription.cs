namespace CloudGov.ControlPlane.Abstractions.Live;

/// <summary>
/// One host-side subscription to the live feed (<see cref="ILiveFeedGrain"/>): subscribes an observer and renews it (call
/// <see cref="RenewAsync"/> every <see cref="LiveFeed.RenewalInterval"/>), and ends it when the host stops. Failures go to
/// the caller's log; the next renewal tries again, and the caller's safety timer covers a signal lost meanwhile.
/// </summary>
public sealed class LiveFeedSubscription(IGrainFactory grains, ILiveFeedObserver observer)
{
    private ILiveFeedObserver? _reference;

    /// <summary>Subscribes, or renews the subscription; a failure (the silo starting or stopping) is handed to <paramref name="failed"/>.</summary>
    public async Task RenewAsync(Action<Exception> failed)
    {
        try
        {
            _reference ??= grains.CreateObjectReference<ILiveFeedObserver>(observer);
            await grains.GetGrain<ILiveFeedGrain>(0).SubscribeAsync(_reference);
        }
        catch (Exception ex)
        {
            failed(ex);
        }
    }

    /// <summary>Unsubscribes (waiting at most 2 s; the subscription expires on its own otherwise).</summary>
    public async Task EndAsync(Action<Exception> failed)
    {
        if (_reference is null)
        {
            return;
        }

        try
        {
            await grains.GetGrain<ILiveFeedGrain>(0).UnsubscribeAsync(_reference).WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception ex)
        {
            failed(ex);
        }

        // The reference is not deleted: a one-way signal the feed sent before it processed the unsubscription can
        // still arrive, and a deleted target makes the runtime log an error while the host stops. The observer ignores
        // it; the reference goes with the host (this ends only when the hosted service stops).
        _reference = null;
    }

    /// <summary>Waits for <paramref name="timer"/>'s next tick; false once <paramref name="stoppingToken"/> fires.</summary>
    public static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
