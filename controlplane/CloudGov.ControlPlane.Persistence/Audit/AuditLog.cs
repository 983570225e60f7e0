using Microsoft.Extensions.Logging;

namespace CloudGov.ControlPlane.Persistence.Audit;

/// <summary>Source-generated log messages of the audit trail.</summary>
internal static partial class AuditLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Debug, Message = "Audit chain {Chain}: entry {Sequence} {Action} by {Subject}")]
    public static partial void Appended(ILogger logger, string chain, long sequence, string action, string subject);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Error, Message = "Audit chain {Chain}: storing a {Action} entry by {Subject} failed; the decision is not made")]
    public static partial void AppendFailed(ILogger logger, Exception exception, string chain, string action, string subject);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Error, Message = "Audit chain {Chain}: storing a quota batch of {Commands} recorded command(s) failed; none of its decisions is made")]
    public static partial void QuotaCommitFailed(ILogger logger, Exception exception, string chain, int commands);
}
