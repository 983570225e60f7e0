namespace CloudGov.ControlPlane.Stopping;

/// <summary>
/// Wraps the host's log providers so that one expected message of a graceful stop is not an error: while this host stops,
/// Orleans reports each call that other silos still send to this silo's deactivating grains as "Failed to address message
/// … SiloUnavailableException: Silo … is shutting down" (event 100071, at Error, with a stack trace). Orleans rejects such a
/// call back to its caller, which retries on another silo (the agent re-sends what was not acknowledged), so nothing fails
/// that a user would notice. Likewise Orleans' "Error while selecting a migration destination" for a grain it tries to move
/// off a stopping silo when no other silo can take it (always so on a single node): the grain is deactivated instead, its
/// state written. Both lines are written at Debug instead. Every other message, and these while the host is not stopping,
/// pass unchanged.
/// </summary>
internal sealed class StoppingLogFilter(ILoggerProvider inner, Func<bool> stopping) : ILoggerProvider
{
    /// <summary>Orleans' "failed to address message" event.</summary>
    internal const int FailedToAddressMessage = 100071;

    public ILogger CreateLogger(string categoryName)
    {
        var logger = inner.CreateLogger(categoryName);
        return categoryName.StartsWith("Orleans", StringComparison.Ordinal) ? new Filtered(logger, stopping) : logger;
    }

    public void Dispose() => inner.Dispose();

    /// <summary>The start of Orleans' message when a stopping silo finds no silo to migrate a grain to.</summary>
    internal const string NoMigrationDestination = "Error while selecting a migration destination";

    /// <summary>True for the shutdown messages described above, while stopping.</summary>
    internal static bool IsExpectedWhileStopping(EventId eventId, Exception? exception, string message, bool stopping) =>
        stopping
        && ((eventId.Id == FailedToAddressMessage && exception is SiloUnavailableException)
            || (exception is OrleansException && message.StartsWith(NoMigrationDestination, StringComparison.Ordinal)));

    private sealed class Filtered(ILogger inner, Func<bool> stopping) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error && stopping() && IsExpectedWhileStopping(eventId, exception, formatter(state, null), stopping: true))
            {
                if (inner.IsEnabled(LogLevel.Debug))
                {
                    inner.Log(LogLevel.Debug, eventId, state, exception, formatter);
                }

                return;
            }

            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
