namespace CloudGov.Cli;

/// <summary>A problem with the command line or the local configuration, found before anything is sent (exit code 2).</summary>
internal sealed class CliUsageException(string message) : Exception(message);
