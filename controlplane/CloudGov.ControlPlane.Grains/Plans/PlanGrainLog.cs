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
}
