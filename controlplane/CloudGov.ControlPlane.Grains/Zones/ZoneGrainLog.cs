namespace CloudGov.ControlPlane.Grains.Zones;

/// <summary>Source-generated log messages of the zone grains.</summary>
internal static partial class ZoneGrainLog
{
    [LoggerMessage(1, LogLevel.Information, "Zone {ZoneId} registered by a {Provider} agent; last durable sequence {Sequence}")]
    public static partial void Registered(ILogger logger, string zoneId, ProviderKind provider, ulong sequence);

    [LoggerMessage(2, LogLevel.Information, "Zone {ZoneId} agent disconnected")]
    public static partial void Disconnected(ILogger logger, string zoneId);

    [LoggerMessage(3, LogLevel.Warning, "Zone {ZoneId} status {From} -> {To}")]
    public static partial void StatusChanged(ILogger logger, string zoneId, ZoneStatus from, ZoneStatus to);

    [LoggerMessage(4, LogLevel.Warning, "Zone {ZoneId} could not write its state; will retry")]
    public static partial void FlushFailed(ILogger logger, string zoneId, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "One-cloud index could not write its state; will retry")]
    public static partial void IndexFlushFailed(ILogger logger, Exception exception);

    [LoggerMessage(6, LogLevel.Information, "Staleness sweep moved {Count} zone(s) to Unreachable")]
    public static partial void Swept(ILogger logger, int count);

    [LoggerMessage(7, LogLevel.Information, "Zone {ZoneId} command {CommandId} finished; succeeded: {Succeeded} {Message}")]
    public static partial void CommandFinished(ILogger logger, string zoneId, string commandId, bool succeeded, string message);

    [LoggerMessage(8, LogLevel.Warning, "Zone {ZoneId} held report sequence {Sequence}, above the ceiling {Ceiling}: reset to 0 (its agent's next report is accepted); recorded in the zone's state")]
    public static partial void SequenceReset(ILogger logger, string zoneId, ulong sequence, ulong ceiling);
    [LoggerMessage(20, LogLevel.Information, "Zone {ZoneId} stopped pushing to its stream's host ({Reason}); acknowledgements go with report answers until the agent's next stream")]
    public static partial void SessionObserverLost(ILogger logger, string zoneId, string reason);

    [LoggerMessage(41, LogLevel.Information, "Zone {ZoneId} agent session ended: its host {Host} is gone (declared dead)")]
    public static partial void SessionHostGone(ILogger logger, string zoneId, string host);

    [LoggerMessage(60, LogLevel.Warning, "Zone {ZoneId} security baseline quarantine: {RuleId} (status {Status})")]
    public static partial void QuarantineChanged(ILogger logger, string zoneId, string ruleId, ZoneStatus status);
    [LoggerMessage(61, LogLevel.Warning, "Zone history segment {Segment} could not store a sample; that minute is missing from its chart")]
    public static partial void HistoryWriteFailed(ILogger logger, string segment, Exception exception);
}
