namespace CloudGov.ControlPlane.Grains.Baselines;

/// <summary>The baseline grain's logs.</summary>
internal static partial class BaselineGrainLog
{
    [LoggerMessage(1, LogLevel.Information, "Baseline full audit: {Zones} zones, {Workloads} workloads, {Opened} findings opened, {Resolved} resolved, {Open} open, in {Millis} ms")]
    public static partial void Audited(ILogger logger, int zones, int workloads, int opened, int resolved, int open, long millis);

    [LoggerMessage(2, LogLevel.Warning, "Baseline: zone {ZoneId} did not take its waivers; the next full audit pushes them again")]
    public static partial void WaiverPushFailed(ILogger logger, string zoneId, Exception exception);

    [LoggerMessage(3, LogLevel.Warning, "Baseline: the evacuation plan for finding {FindingId} could not be proposed: {Reason}")]
    public static partial void EvacuationFailed(ILogger logger, string findingId, string reason);

    [LoggerMessage(4, LogLevel.Information, "Baseline: evacuation plan {PlanId} proposed for {Workloads} workloads ({RuleId})")]
    public static partial void EvacuationProposed(ILogger logger, string planId, int workloads, string ruleId);

    [LoggerMessage(5, LogLevel.Warning, "Baseline: zone {ZoneId} could not be read for the full audit; its findings stay as they were")]
    public static partial void ZoneUnreadable(ILogger logger, string zoneId, Exception exception);
}
