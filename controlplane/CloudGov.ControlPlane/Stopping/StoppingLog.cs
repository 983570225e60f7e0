namespace CloudGov.ControlPlane.Stopping;

/// <summary>Source-generated log messages of a stopping host.</summary>
internal static partial class StoppingLog
{
    [LoggerMessage(1, LogLevel.Information, "Host stopping: ending {Count} agent stream(s) with UNAVAILABLE (host-stopping); agents reconnect to another host")]
    public static partial void Draining(ILogger logger, int count);

    [LoggerMessage(2, LogLevel.Information, "Host stopping: every agent stream ended in {Milliseconds} ms")]
    public static partial void Drained(ILogger logger, long milliseconds);

    [LoggerMessage(3, LogLevel.Warning, "Host stopping: {Count} agent stream(s) still open after {Timeout}; stopping the silo anyway (their agents re-send unacknowledged reports)")]
    public static partial void DrainTimedOut(ILogger logger, int count, TimeSpan timeout);
}
