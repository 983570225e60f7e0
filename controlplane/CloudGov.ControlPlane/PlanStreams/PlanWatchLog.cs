namespace CloudGov.ControlPlane.PlanStreams;

/// <summary>Source-generated log messages of the plan watch streams.</summary>
internal static partial class PlanWatchLog
{
    [LoggerMessage(1, LogLevel.Warning, "Could not subscribe to the live feed for plan watch streams; the next renewal tries again and each stream's safety re-read covers the gap")]
    public static partial void SubscribeFailed(ILogger logger, Exception exception);

    [LoggerMessage(2, LogLevel.Warning, "Refused a WatchPlan stream for {PlanId}: this host already serves {Limit} watch streams (PlanWatch:MaxStreamsPerHost)")]
    public static partial void Refused(ILogger logger, string planId, int limit);

    [LoggerMessage(3, LogLevel.Debug, "WatchPlan stream for {PlanId} ended: {Reason}")]
    public static partial void Ended(ILogger logger, string planId, string reason);
}
