using System.Threading.Channels;
using CloudGov.ControlPlane.Abstractions.Zones;
using CloudGov.ControlPlane.Grains.Zones;
using Microsoft.Extensions.Hosting;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>
/// This host's copy of the zone list, so that <c>ListZones</c> and <c>GetOneCloudSummary</c> answer without entering
/// Orleans: a burst of zone activations queued on the silo's scheduler never holds them up. The one-cloud index pushes
/// the changed zones once per tick (<see cref="IZoneListObserver"/>), numbered; a missing number, a new index activation
/// or five ticks of silence make this host read the whole list again at once, and it re-reads (renewing its subscription)
/// every <see cref="ZoneOptions.ListResyncInterval"/> anyway. Until the first read arrives callers wait, at most
/// <see cref="ZoneOptions.ListFirstSnapshotTimeout"/>.
/// </summary>
internal sealed class ZoneListReplica(IGrainFactory grains, IOptions<ZoneOptions> options, TimeProvider time, ILogger<ZoneListReplica> logger)
    : BackgroundService, IZoneListObserver
{
    // Read when used, not when constructed: a hosted service is built before start-up validation reports every bad setting at once.
    private ZoneOptions Options => options.Value;
    private readonly object _gate = new();
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private ZoneListView? _view;
    private bool _resyncRequested;
    private long _lastHeardTicks;
    private long _reads;
    private IZoneListObserver? _reference;

    /// <summary>Whole-list reads since start (the first one, then safety re-reads and re-reads after a gap).</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>The copy's current push number (-1 before the first read), for diagnostics and tests.</summary>
    public long Sequence => Volatile.Read(ref _view)?.Sequence ?? -1;

    /// <summary>This host's subscription at the index (null before the first read), for tests that make the index lose it.</summary>
    internal IZoneListObserver? Reference => _reference;

    /// <summary>Every zone, ordered by id; waits for the first read on a host that just started (TimeoutException after the bound).</summary>
    public async Task<ImmutableArray<ZoneSummary>> GetAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _view) is { } view)
        {
            return view.Zones;
        }

        await _loaded.Task.WaitAsync(Options.ListFirstSnapshotTimeout, time, cancellationToken);
        return Volatile.Read(ref _view)!.Zones;
    }

    /// <inheritdoc />
    public Task ZonesChangedAsync(ZoneListDelta delta)
    {
        Volatile.Write(ref _lastHeardTicks, time.GetTimestamp());
        lock (_gate)
        {
            if (_view is null)
            {
                return Task.CompletedTask;
            }

            var (next, outcome) = _view.Apply(delta);
            if (outcome == ZoneListPushOutcome.Gap)
            {
                ZoneListLog.Gap(logger, _view.Sequence, delta.PreviousSequence, delta.Sequence);
                RequestResync();
            }

            Volatile.Write(ref _view, next);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Options.ListFromHostCopy)
        {
            return;   // off (the default): ListZones asks the index grain, nothing to keep
        }

        var silence = Options.IndexFlushInterval * 5;
        var check = silence < Options.ListResyncInterval ? silence : Options.ListResyncInterval;
        var retry = check < TimeSpan.FromSeconds(1) ? check : TimeSpan.FromSeconds(1);
        long lastRead = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            bool due;
            lock (_gate)
            {
                due = _view is null || _resyncRequested
                    || time.GetElapsedTime(lastRead) >= Options.ListResyncInterval
                    || time.GetElapsedTime(Volatile.Read(ref _lastHeardTicks)) >= silence;
                _resyncRequested = false;
            }

            var wait = check;
            if (due)
            {
                if (await ReadAsync(stoppingToken))
                {
                    lastRead = time.GetTimestamp();
                }
                else
                {
                    wait = retry;
                }
            }

            await WaitAsync(wait, stoppingToken);
        }

        await UnsubscribeAsync();
    }

    private void RequestResync()
    {
        _resyncRequested = true;
        _wake.Writer.TryWrite(true);
    }

    private async Task<bool> ReadAsync(CancellationToken stoppingToken)
    {
        try
        {
            _reference ??= grains.CreateObjectReference<IZoneListObserver>(this);
            var snapshot = await grains.GetGrain<IOneCloudIndexGrain>(0).SubscribeAsync(_reference).WaitAsync(stoppingToken);
            Interlocked.Increment(ref _reads);
            Volatile.Write(ref _lastHeardTicks, time.GetTimestamp());
            lock (_gate)
            {
                if (_view is null || _view.IsSupersededBy(snapshot))
                {
                    Volatile.Write(ref _view, ZoneListView.From(snapshot));
                }
            }

            _loaded.TrySetResult();
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception ex)
        {
            // The silo may be starting or the index moving; the previous copy is served and the next round tries again.
            ZoneListLog.ReadFailed(logger, ex);
            return false;
        }
    }

    private async Task WaitAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        using var after = new CancellationTokenSource(wait, time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, after.Token);
        try
        {
            while (_wake.Reader.TryRead(out _))
            {
            }

            if (!Volatile.Read(ref _resyncRequested))
            {
                await _wake.Reader.WaitToReadAsync(timeout.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // The wait is over (or the host is stopping, which the loop checks).
        }
    }

    private async Task UnsubscribeAsync()
    {
        if (_reference is null)
        {
            return;
        }

        try
        {
            await grains.GetGrain<IOneCloudIndexGrain>(0).UnsubscribeAsync(_reference).WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception ex)
        {
            ZoneListLog.UnsubscribeFailed(logger, ex);
        }

        grains.DeleteObjectReference<IZoneListObserver>(_reference);
    }
}
