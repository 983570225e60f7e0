using Orleans.Utilities;

namespace CloudGov.ControlPlane.Grains.Zones;

/// <summary>
/// Holds every zone's latest summary. A publish only changes memory; the index is written behind on a timer, one write
/// for however many changes arrived meanwhile: an inventory change (a new zone, status, connection, workload count,
/// descriptor) within <see cref="ZoneOptions.IndexFlushInterval"/>, utilization-only changes within
/// <see cref="ZoneOptions.StateFlushInterval"/>. Reads interleave with everything, including a write in progress, so
/// a burst of registrations never makes <c>ListZones</c> or the health check wait for storage.
/// <para>The zone grains are the source: each re-publishes on activation, on (re-)registration and at least once per
/// <see cref="ZoneOptions.IndexPublishInterval"/> while its agent reports, so what a crash takes from the index (at most
/// the last <see cref="ZoneOptions.IndexFlushInterval"/> of changes) comes back as soon as the zones' agents
/// reconnect or report.</para>
/// <para>Every host keeps a copy of the list (<see cref="IZoneListObserver"/>): on each tick the index pushes the zones
/// changed since its previous push, numbered, or a heartbeat; a host that misses a push sees the gap and re-reads.</para>
/// </summary>
internal sealed class OneCloudIndexGrain(
    [PersistentState("one-cloud-index", "store")] IPersistentState<OneCloudIndexState> storage,
    IOptions<ZoneOptions> options,
    ILogger<OneCloudIndexGrain> logger) : Grain, IOneCloudIndexGrain
{
    private readonly ZoneOptions _options = options.Value;
    private ImmutableSortedDictionary<string, ZoneSummary> _zones = ImmutableSortedDictionary<string, ZoneSummary>.Empty.WithComparers(StringComparer.Ordinal);
    private ImmutableArray<ZoneSummary>? _list;

    /// <summary>Bumped on every change; a write is current when it wrote this version.</summary>
    private long _version;
    private long _writtenVersion;
    private long _signalledVersion;
    private bool _inventoryPending;
    private bool _writing;
    private int _ticksSinceWrite;

    /// <summary>This activation's identity in the pushes: a host holding another epoch re-reads the whole list.</summary>
    private readonly Guid _epoch = Guid.NewGuid();
    private readonly HashSet<string> _changedSincePush = new(StringComparer.Ordinal);
    private long _pushSequence;
    private ObserverManager<IZoneListObserver>? _listObservers;

    private ObserverManager<IZoneListObserver> ListObservers => _listObservers ??= new(_options.ListResyncInterval * 3, logger);

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _zones = storage.State.Zones.WithComparers(StringComparer.Ordinal);
        var period = _options.IndexFlushInterval;

        // Interleaved: publishes and reads go on while a write is with storage; _writing keeps writes one at a time.
        this.RegisterGrainTimer(ct => FlushAsync(force: false, ct), new GrainTimerCreationOptions(period, period) { Interleave = true, KeepAlive = true });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        FlushAsync(force: true, cancellationToken);

    /// <inheritdoc />
    public Task PublishAsync(ZoneSummary summary)
    {
        bool inventoryChange = !_zones.TryGetValue(summary.ZoneId, out var known)
            || known.Status != summary.Status
            || known.AgentConnected != summary.AgentConnected
            || known.WorkloadCount != summary.WorkloadCount
            || known.Descriptor != summary.Descriptor
            || known.SessionHost != summary.SessionHost;

        if (known is not null && known.LastSequence > summary.LastSequence && known.Status == summary.Status)
        {
            // A one-way publish overtaken by a newer one: keep the newer.
            return Task.CompletedTask;
        }

        _zones = _zones.SetItem(summary.ZoneId, summary);
        _changedSincePush.Add(summary.ZoneId);
        _list = null;
        _version++;
        _inventoryPending |= inventoryChange;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ImmutableArray<ZoneSummary>> ListAsync()
    {
        _list ??= [.. _zones.Values];
        return Task.FromResult(_list.Value);
    }

    /// <inheritdoc />
    public Task<ZoneListSnapshot> SubscribeAsync(IZoneListObserver observer)
    {
        ListObservers.Subscribe(observer, observer);
        _list ??= [.. _zones.Values];
        return Task.FromResult(new ZoneListSnapshot(_epoch, _pushSequence, _list.Value));
    }

    /// <inheritdoc />
    public Task UnsubscribeAsync(IZoneListObserver observer)
    {
        ListObservers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Pushes the zones changed since the previous push to every host's copy (or a heartbeat when none changed), once per
    /// tick however many publishes arrived; one-way, so a slow or dead host never holds up the index.
    /// </summary>
    private void PushToHosts()
    {
        long previous = _pushSequence;
        var changed = ImmutableArray<ZoneSummary>.Empty;
        if (_changedSincePush.Count > 0)
        {
            changed = [.. _changedSincePush.Select(id => _zones[id])];
            _changedSincePush.Clear();
            _pushSequence++;
        }

        if (_listObservers is { Count: > 0 } observers)
        {
            var delta = new ZoneListDelta(_epoch, previous, _pushSequence, changed);
            observers.Notify(o => o.ZonesChangedAsync(delta));
        }
    }

    /// <summary>
    /// Tells the live feed (dashboards) that zones changed, at most once per tick however many publishes arrived: the
    /// ingest path never waits on it (one-way) and the feed sees at most one signal per <see cref="ZoneOptions.IndexFlushInterval"/>.
    /// </summary>
    private void SignalChange()
    {
        if (_signalledVersion == _version)
        {
            return;
        }

        _signalledVersion = _version;
        GrainFactory.GetGrain<Abstractions.Live.ILiveFeedGrain>(0).PublishAsync(Abstractions.Live.LiveTopic.Zones, string.Empty).Ignore();
    }

    /// <summary>
    /// Writes the index if it changed: at once when an inventory change is pending (or <paramref name="force"/>),
    /// otherwise when <see cref="ZoneOptions.StateFlushInterval"/> has passed since the last write.
    /// </summary>
    private async Task FlushAsync(bool force, CancellationToken cancellationToken)
    {
        _ticksSinceWrite++;
        PushToHosts();
        SignalChange();
        if (_writing || _version == _writtenVersion)
        {
            return;
        }

        // Counted in ticks rather than read from the clock: tests move domain time, not the silo's timers.
        if (!force && !_inventoryPending && _ticksSinceWrite * _options.IndexFlushInterval < _options.StateFlushInterval)
        {
            return;
        }

        // The dictionary is immutable: what is captured here is what is written, whatever arrives during the write.
        long version = _version;
        bool inventory = _inventoryPending;
        _inventoryPending = false;
        _writing = true;
        try
        {
            await storage.WriteOrRestoreAsync(new OneCloudIndexState { Zones = _zones }, cancellationToken);
            _writtenVersion = version;
            _ticksSinceWrite = 0;
        }
        catch (Exception ex)
        {
            // Keep serving the in-memory view and retry on the next tick; the zone grains re-publish anyway.
            _inventoryPending |= inventory;
            ZoneGrainLog.IndexFlushFailed(logger, ex);
        }
        finally
        {
            _writing = false;
        }
    }
}
