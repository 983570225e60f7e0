namespace CloudGov.ControlPlane.Grains.Zones;

/// <summary>
/// Holds every zone's latest summary. A new zone or a status change is written at once (the inventory);
/// utilization updates are written behind, like the zone grains' own.
/// </summary>
internal sealed class OneCloudIndexGrain(
    [PersistentState("one-cloud-index", "store")] IPersistentState<OneCloudIndexState> storage,
    IOptions<ZoneOptions> options,
    ILogger<OneCloudIndexGrain> logger) : Grain, IOneCloudIndexGrain
{
    private ImmutableSortedDictionary<string, ZoneSummary> _zones = ImmutableSortedDictionary<string, ZoneSummary>.Empty.WithComparers(StringComparer.Ordinal);
    private ImmutableArray<ZoneSummary>? _list;
    private bool _dirty;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _zones = storage.State.Zones.WithComparers(StringComparer.Ordinal);
        var period = options.Value.StateFlushInterval;
        this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(period, period) { Interleave = false, KeepAlive = true });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        await FlushAsync(cancellationToken);

    /// <inheritdoc />
    public async Task PublishAsync(ZoneSummary summary)
    {
        bool inventoryChange = !_zones.TryGetValue(summary.ZoneId, out var known)
            || known.Status != summary.Status
            || known.AgentConnected != summary.AgentConnected
            || known.WorkloadCount != summary.WorkloadCount
            || known.Descriptor != summary.Descriptor;

        if (known is not null && known.LastSequence > summary.LastSequence && known.Status == summary.Status)
        {
            // A one-way publish overtaken by a newer one: keep the newer.
            return;
        }

        _zones = _zones.SetItem(summary.ZoneId, summary);
        _list = null;
        _dirty = true;
        if (inventoryChange)
        {
            await FlushAsync(CancellationToken.None);
        }
    }

    /// <inheritdoc />
    public Task<ImmutableArray<ZoneSummary>> ListAsync()
    {
        _list ??= [.. _zones.Values];
        return Task.FromResult(_list.Value);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (!_dirty)
        {
            return;
        }

        try
        {
            await storage.WriteOrRestoreAsync(new OneCloudIndexState { Zones = _zones }, cancellationToken);
            _dirty = false;
        }
        catch (Exception ex)
        {
            // Summaries are re-published by the zone grains; keep serving the in-memory view and retry.
            ZoneGrainLog.IndexFlushFailed(logger, ex);
        }
    }
}
