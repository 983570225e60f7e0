using CloudGov.ControlPlane.Abstractions.Ledger;

namespace CloudGov.ControlPlane.Grains.Ledger;

/// <summary>
/// One ledger shard: a <see cref="LedgerBook"/> and its storage. Intent writes (placements, moves, intent changes) are
/// stored before the call returns and undone in memory if the write fails; what zones report is written behind within
/// <see cref="LedgerOptions.FlushInterval"/> (zones re-send it after a restart and every <see cref="LedgerOptions.ResyncInterval"/>).
/// </summary>
internal sealed class LedgerShardGrain(
    [PersistentState("ledger", "store")] IPersistentState<LedgerShardState> storage,
    IOptions<LedgerOptions> options,
    ControlPlaneClock clock,
    ILogger<LedgerShardGrain> logger) : Grain, ILedgerShardGrain
{
    private readonly LedgerOptions _options = options.Value;
    private LedgerBook _book = null!;
    private bool _dirty;

    private int Shard => (int)this.GetPrimaryKeyLong();

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _book = new LedgerBook(Shard, storage.State ?? new LedgerShardState(), _options.HistoryKept);
        this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(_options.FlushInterval, _options.FlushInterval) { Interleave = false, KeepAlive = true });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => await FlushAsync(cancellationToken);

    /// <inheritdoc />
    public Task<ZoneSyncResult> SyncZoneAsync(ZoneSync sync)
    {
        long before = _book.Changes;
        var result = _book.Apply(sync, clock.UtcNow);

        // Written behind only when a record or a zone's facts changed: a zone's periodic full resync of what the shard
        // already holds costs no write. (The applied sequences are kept in memory until the next write.)
        _dirty |= _book.Changes != before;
        return Task.FromResult(result);
    }

    /// <inheritdoc />
    public Task<ImmutableArray<ZoneSyncResult>> SyncZonesAsync(ImmutableArray<ZoneSync> syncs)
    {
        if (syncs.IsDefault)
        {
            return Task.FromResult(ImmutableArray<ZoneSyncResult>.Empty);
        }

        if (syncs.Length > LedgerSyncBatcher.MaxZonesPerCall)
        {
            throw new ArgumentException($"A shard call carries at most {LedgerSyncBatcher.MaxZonesPerCall} zone syncs; this one carried {syncs.Length}.", nameof(syncs));
        }

        // The same as one SyncZoneAsync per zone, in order, in one turn: one message instead of many.
        long before = _book.Changes;
        var now = clock.UtcNow;
        var results = ImmutableArray.CreateBuilder<ZoneSyncResult>(syncs.Length);
        foreach (var sync in syncs)
        {
            ArgumentNullException.ThrowIfNull(sync, nameof(syncs));
            results.Add(_book.Apply(sync, now));
        }

        _dirty |= _book.Changes != before;
        return Task.FromResult(results.MoveToImmutable());
    }

    /// <inheritdoc />
    public Task<WorkloadRecord?> GetAsync(string workloadId) => Task.FromResult(_book.Records.GetValueOrDefault(workloadId));

    /// <inheritdoc />
    public Task<ImmutableArray<WorkloadRecord>> GetManyAsync(ImmutableArray<string> workloadIds) =>
        Task.FromResult<ImmutableArray<WorkloadRecord>>([.. (workloadIds.IsDefault ? [] : workloadIds).Select(id => _book.Records.GetValueOrDefault(id)).Where(r => r is not null).Select(r => r!)]);

    /// <inheritdoc />
    public Task<ImmutableArray<WorkloadRecord>> ListAsync(WorkloadQuery query, string after, int limit) => Task.FromResult(_book.List(query, after, limit));

    /// <inheritdoc />
    public Task<ImmutableArray<WorkloadRecord>> SnapshotAsync() => Task.FromResult<ImmutableArray<WorkloadRecord>>([.. _book.Records.Values]);

    /// <inheritdoc />
    public async Task<PlacementWrite> RecordPlacementAsync(WorkloadSpec spec, string zoneId, PendingPlacement placement, string by)
    {
        var before = _book.State;
        var result = _book.RecordPlacement(spec, zoneId, placement, by, clock.UtcNow);
        if (result.Recorded)
        {
            await CommitAsync(before);
        }

        return result;
    }

    /// <inheritdoc />
    public Task MoveStartedAsync(string workloadId, MoveInFlight move) => WriteIfAsync(now => _book.MoveStarted(workloadId, move, now));

    /// <inheritdoc />
    public Task MoveCompletedAsync(string workloadId, MoveInFlight move) => WriteIfAsync(now => _book.MoveCompleted(workloadId, move, now));

    /// <inheritdoc />
    public Task MoveEndedAsync(string workloadId, MoveInFlight move, string detail) => WriteIfAsync(now => _book.MoveEnded(workloadId, move, detail, now));

    /// <inheritdoc />
    public async Task<IntentOutcome> ChangeIntentAsync(IntentChangeRequest request, bool dryRun)
    {
        var before = _book.State;
        var outcome = _book.ChangeIntent(request, apply: !dryRun, clock.UtcNow);
        if (!dryRun && outcome.Problems.IsEmpty && !outcome.Changes.IsEmpty)
        {
            await CommitAsync(before);
            LedgerLog.IntentChanged(logger, Shard, outcome.Changes.Length, request.By);
        }

        return outcome;
    }

    /// <inheritdoc />
    public Task<ImmutableArray<LedgerGroup>> ViewAsync(LedgerGrouping grouping, string tenantId) => Task.FromResult(_book.View(grouping, tenantId));

    /// <inheritdoc />
    public Task<ImmutableArray<LedgerCount>> CountsAsync() => Task.FromResult(_book.Counts());

    private async Task WriteIfAsync(Func<DateTimeOffset, bool> change)
    {
        var before = _book.State;
        if (change(clock.UtcNow))
        {
            await CommitAsync(before);
        }
    }

    /// <summary>Writes the book; on failure puts it back to <paramref name="before"/> (observations since the last flush stay applied in it) and rethrows.</summary>
    private async Task CommitAsync(LedgerShardState before)
    {
        try
        {
            await storage.WriteOrRestoreAsync(_book.State);
            _dirty = false;
        }
        catch
        {
            _book.Restore(before);
            throw;
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_book.Refresh(clock.UtcNow))
        {
            _dirty = true;
        }

        if (!_dirty)
        {
            return;
        }

        try
        {
            await storage.WriteOrRestoreAsync(_book.State, cancellationToken);
            _dirty = false;
        }
        catch (Exception ex)
        {
            // What zones reported stays applied in memory and is written on a later flush.
            LedgerLog.FlushFailed(logger, Shard, ex);
        }
    }
}
