namespace CloudGov.ControlPlane.Grains.Plans;

/// <summary>Source-generated log messages of the plan grains.</summary>
internal static partial class PlanGrainLog
{
    [LoggerMessage(101, LogLevel.Information, "Plan {PlanId} {From} -> {To} by {By}: {Reason}")]
    public static partial void Transition(ILogger logger, string planId, PlanState? from, PlanState to, string by, string reason);

    [LoggerMessage(102, LogLevel.Information, "Rebalance round ({Trigger}, dry run {DryRun}) proposed {Moves} move(s) in {Seconds:F3} s")]
    public static partial void Round(ILogger logger, PlanTrigger trigger, bool dryRun, int moves, double seconds);

    [LoggerMessage(103, LogLevel.Information, "Rebalance round ({Trigger}) skipped: {Reason}")]
    public static partial void Skipped(ILogger logger, PlanTrigger trigger, string reason);

    [LoggerMessage(104, LogLevel.Warning, "Plan {PlanId} could not store its expiry; will retry on the next read")]
    public static partial void ExpiryWriteFailed(ILogger logger, string planId, Exception exception);

    [LoggerMessage(105, LogLevel.Warning, "Plan {PlanId} could not be superseded")]
    public static partial void SupersedeFailed(ILogger logger, string planId, Exception exception);

    [LoggerMessage(106, LogLevel.Information, "Plan {PlanId} is {State}; resuming execution")]
    public static partial void Resuming(ILogger logger, string planId, PlanState state);

    [LoggerMessage(107, LogLevel.Information, "Plan {PlanId} move {Index} ({WorkloadId} {From} -> {To}) {State}: {Message}")]
    public static partial void MoveFinished(ILogger logger, string planId, int index, string workloadId, string from, string to, MoveState state, string message);

    [LoggerMessage(108, LogLevel.Warning, "Plan {PlanId} execution step failed; retrying on the next tick")]
    public static partial void StepFailed(ILogger logger, string planId, Exception exception);

    [LoggerMessage(109, LogLevel.Warning, "Plan {PlanId} could not send command {CommandId} to zone {ZoneId}; it is sent again on the next tick")]
    public static partial void CommandNotSent(ILogger logger, string planId, string commandId, string zoneId, Exception exception);

    [LoggerMessage(110, LogLevel.Warning, "Plan {PlanId} could not probe zone {ZoneId}; its moves wait")]
    public static partial void ProbeFailed(ILogger logger, string planId, string zoneId, Exception exception);

    [LoggerMessage(111, LogLevel.Warning, "Plan {PlanId} could not set or clear its resume reminder")]
    public static partial void ReminderFailed(ILogger logger, string planId, Exception exception);

    [LoggerMessage(EventId = 620, Level = LogLevel.Warning, Message = "Plan {PlanId} was not approved: {Count} problem(s) against the one cloud now, the first: {First}")]
    public static partial void ApprovalRefused(ILogger logger, string planId, int count, string first);

    [LoggerMessage(EventId = 621, Level = LogLevel.Error, Message = "The rebalance strategy proposed a plan that failed independent validation ({Count} problem(s)); it was not stored. The first: {First}")]
    public static partial void PlanInvalid(ILogger logger, int count, string first);

    [LoggerMessage(EventId = 622, Level = LogLevel.Warning, Message = "The rebalance round left out {Count} zone(s) or workload(s) it cannot use (not scheduled this round); the first: {First}")]
    public static partial void SnapshotSkipped(ILogger logger, int count, string first);
}
