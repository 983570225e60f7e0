using System.Threading.Channels;

namespace CloudGov.ControlPlane.PlanStreams;

/// <summary>
/// One open <c>WatchPlan</c> stream's slot and wake-up: signals are coalesced into one pending flag (any number of signals
/// while the stream reads or writes wake it once), so a stream never has more than one read in flight. Disposing frees
/// the slot.
/// </summary>
internal sealed class PlanWatchSubscription : IDisposable
{
    private readonly PlanWatchHub _hub;
    private readonly Channel<bool> _pending = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private int _disposed;

    internal PlanWatchSubscription(string planId, PlanWatchHub hub)
    {
        PlanId = planId;
        _hub = hub;
    }

    /// <summary>The watched plan.</summary>
    public string PlanId { get; }

    /// <summary>Marks a change pending (a no-op when one already is).</summary>
    public void Signal() => _pending.Writer.TryWrite(true);

    /// <summary>
    /// Waits for a pending change, at most <paramref name="timeout"/>; true when a change was signalled, false when the
    /// timeout passed first. Throws <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> fires.
    /// </summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        if (_pending.Reader.TryRead(out _))
        {
            return true;
        }

        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            await _pending.Reader.ReadAsync(linked.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _hub.Close(this);
        }
    }
}
