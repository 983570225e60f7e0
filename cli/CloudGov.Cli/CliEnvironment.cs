using Spectre.Console;

namespace CloudGov.Cli;

/// <summary>
/// Everything the command line reads from or writes to its process: the output (tables through Spectre.Console, JSON
/// and YAML as plain text on the same writer), standard error, standard input, environment variables, the home
/// directory and the local time zone. Tests pass their own to run commands in process.
/// </summary>
internal sealed class CliEnvironment
{
    /// <summary>Standard output as plain text (JSON, YAML, single values).</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Standard output for tables, trees and live progress (writes to <see cref="Out"/>).</summary>
    public required IAnsiConsole Console { get; init; }

    /// <summary>Standard error: messages for the operator.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Standard input (a token piped to <c>login --token-stdin</c>).</summary>
    public required TextReader In { get; init; }

    /// <summary>Reads an environment variable; null when unset.</summary>
    public required Func<string, string?> GetEnvironmentVariable { get; init; }

    /// <summary>The user's home directory (the default config file lives in <c>~/.cloudgov/</c>).</summary>
    public required string HomeDirectory { get; init; }

    /// <summary>The zone times are shown in.</summary>
    public required TimeZoneInfo TimeZone { get; init; }

    /// <summary>True when progress may be redrawn in place (a terminal, not a pipe or a test).</summary>
    public bool Interactive { get; init; }

    /// <summary>The process's own console and environment.</summary>
    public static CliEnvironment FromProcess()
    {
        var stdout = System.Console.Out;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout) });
        if (System.Console.IsOutputRedirected)
        {
            // A pipe or file has no width: rows stay whole (one line per row, for grep and awk) up to $COLUMNS or 400 columns.
            console.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out int columns) && columns is >= 40 and <= 4000 ? columns : 400;
        }

        return new CliEnvironment
        {
            Out = stdout,
            Console = console,
            Error = System.Console.Error,
            In = System.Console.In,
            GetEnvironmentVariable = Environment.GetEnvironmentVariable,
            HomeDirectory = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
            TimeZone = TimeZoneInfo.Local,
            Interactive = !System.Console.IsOutputRedirected && console.Profile.Capabilities.Interactive,
        };
    }
}
