using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CloudGov.Testing;

/// <summary>A logger provider that keeps every entry a host writes, for tests that assert on the log (no stack traces, bounded lines).</summary>
public sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    /// <summary>Everything logged so far, oldest first.</summary>
    public IReadOnlyList<Entry> Entries => [.. _entries];

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    /// <summary>One log entry.</summary>
    /// <param name="Category">The logger's category.</param>
    /// <param name="Level">Its level.</param>
    /// <param name="Message">The formatted message.</param>
    /// <param name="Exception">The exception logged with it, if any.</param>
    public sealed record Entry(string Category, LogLevel Level, string Message, Exception? Exception)
    {
        /// <inheritdoc />
        public override string ToString() => $"{Level} {Category}: {Message}{(Exception is null ? string.Empty : "\n" + Exception)}";
    }

    private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                entries.Enqueue(new Entry(category, logLevel, formatter(state, exception), exception));
            }
        }
    }
}
