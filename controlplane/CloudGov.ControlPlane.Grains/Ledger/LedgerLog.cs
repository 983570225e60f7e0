namespace CloudGov.ControlPlane.Grains.Ledger;

/// <summary>The ledger's log messages.</summary>
internal static partial class LedgerLog
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Warning, Message = "Ledger shard {Shard} could not write what zones reported; retrying on the next flush")]
    public static partial void FlushFailed(ILogger logger, int shard, Exception exception);

    [LoggerMessage(EventId = 701, Level = LogLevel.Information, Message = "Ledger shard {Shard}: intent of {Count} workload(s) changed by {By}")]
    public static partial void IntentChanged(ILogger logger, int shard, int count, string by);

    [LoggerMessage(EventId = 702, Level = LogLevel.Warning, Message = "Zone {ZoneId} could not sync with the ledger; a full sync follows")]
    public static partial void SyncFailed(ILogger logger, string zoneId, Exception exception);

    [LoggerMessage(EventId = 703, Level = LogLevel.Warning, Message = "Plan {PlanId} could not tell the ledger about move {Index} of workload {WorkloadId}; retrying on the next step")]
    public static partial void MoveNotRecorded(ILogger logger, string planId, int index, string workloadId, Exception exception);
}
