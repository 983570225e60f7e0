using Microsoft.Extensions.Logging;

namespace CloudGov.Dashboard;

/// <summary>The dashboard's log messages.</summary>
internal static partial class DashboardLog
{
    [LoggerMessage(1, LogLevel.Warning, "The dashboard could not subscribe to the live feed; it tries again at its next renewal")]
    public static partial void SubscribeFailed(ILogger logger, Exception exception);

    [LoggerMessage(2, LogLevel.Warning, "A dashboard circuit's live-update handler failed")]
    public static partial void SubscriberFailed(ILogger logger, Exception exception);

    [LoggerMessage(3, LogLevel.Information, "Dashboard sign-in by {Subject} as {Role}")]
    public static partial void SignedIn(ILogger logger, string subject, string role);

    [LoggerMessage(4, LogLevel.Information, "Dashboard sign-in refused: {Problem}")]
    public static partial void SignInRefused(ILogger logger, string problem);
}
