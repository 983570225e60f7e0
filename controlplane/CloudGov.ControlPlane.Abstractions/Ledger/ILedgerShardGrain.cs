namespace CloudGov.ControlPlane.Abstractions.Ledger;

/// <summary>
/// One shard of the ledger (一本账), keyed by <c>LedgerShards.Of(workloadId)</c>: the records of the workloads whose
/// ids hash to it. Intent writes are durable before they return; what zones report is written behind.
/// </summary>
[Alias("cloudgov.ILedgerShardGrain")]
public interface ILedgerShardGrain : IGrainWithIntegerKey
{
    /// <summary>Applies what a zone reports of this shard's workloads; returns the ones the zone is expected to report.</summary>
    [Alias("SyncZone")]
    Task<ZoneSyncResult> SyncZoneAsync(ZoneSync sync);

    /// <summary>
    /// Applies several zones' syncs in order (what the silo's batcher coalesced); returns their results in the same order.
    /// At most 256 syncs a call.
    /// </summary>
    [Alias("SyncZones")]
    Task<ImmutableArray<ZoneSyncResult>> SyncZonesAsync(ImmutableArray<ZoneSync> syncs);

    /// <summary>One record; null when the id has none.</summary>
    [Alias("Get")]
    Task<WorkloadRecord?> GetAsync(string workloadId);

    /// <summary>The records of these ids that exist.</summary>
    [Alias("GetMany")]
    Task<ImmutableArray<WorkloadRecord>> GetManyAsync(ImmutableArray<string> workloadIds);

    /// <summary>Up to <paramref name="limit"/> records passing <paramref name="query"/> with ids after <paramref name="after"/>, ordered by id.</summary>
    [Alias("List")]
    Task<ImmutableArray<WorkloadRecord>> ListAsync(WorkloadQuery query, string after, int limit);

    /// <summary>Every record, for the scheduler's snapshot.</summary>
    [Alias("Snapshot")]
    Task<ImmutableArray<WorkloadRecord>> SnapshotAsync();

    /// <summary>Records a new placement (durably) before its command is sent; refuses an id that runs or is being placed.</summary>
    [Alias("RecordPlacement")]
    Task<PlacementWrite> RecordPlacementAsync(WorkloadSpec spec, string zoneId, PendingPlacement placement, string by);

    /// <summary>Marks a plan's move of the workload as started (durably).</summary>
    [Alias("MoveStarted")]
    Task MoveStartedAsync(string workloadId, MoveInFlight move);

    /// <summary>Records a plan's completed move (durably): the workload should now run in the move's target.</summary>
    [Alias("MoveCompleted")]
    Task MoveCompletedAsync(string workloadId, MoveInFlight move);

    /// <summary>Records that a plan's move ended without moving the workload (rolled back or stopped).</summary>
    [Alias("MoveEnded")]
    Task MoveEndedAsync(string workloadId, MoveInFlight move, string detail);

    /// <summary>Applies (or, with <paramref name="dryRun"/>, previews) an intent change to this shard's matching records.</summary>
    [Alias("ChangeIntent")]
    Task<IntentOutcome> ChangeIntentAsync(IntentChangeRequest request, bool dryRun);

    /// <summary>This shard's part of the ledger view.</summary>
    [Alias("View")]
    Task<ImmutableArray<LedgerGroup>> ViewAsync(LedgerGrouping grouping, string tenantId);

    /// <summary>This shard's records per zone and state.</summary>
    [Alias("Counts")]
    Task<ImmutableArray<LedgerCount>> CountsAsync();
}
