using System.CommandLine;
using CloudGov.Cli.Connection;
using CloudGov.Cli.Output;

namespace CloudGov.Cli.Commands;

/// <summary>What one running command has: its parsed line, the global settings, the printer and (opened on first use) the connection.</summary>
internal sealed class CommandContext(ParseResult parse, GlobalSettings settings, CliEnvironment environment) : IDisposable
{
    private ControlPlaneConnection? _connection;

    /// <summary>The parsed command line.</summary>
    public ParseResult Parse { get; } = parse;

    /// <summary>The global options.</summary>
    public GlobalSettings Settings { get; } = settings;

    /// <summary>The process's console and environment.</summary>
    public CliEnvironment Environment { get; } = environment;

    /// <summary>Prints in the chosen format.</summary>
    public Printer Printer { get; } = new(environment, settings.Output);

    /// <summary>The connection to the control plane (opened on first use).</summary>
    public ControlPlaneConnection Connection => _connection ??= ControlPlaneConnection.Open(Settings, Environment);

    /// <summary>The address in use, for messages ("-" before a connection was opened).</summary>
    public string ServerText => _connection?.Server.ToString() ?? Settings.Server ?? "the control plane";

    /// <summary>The value of <paramref name="option"/>.</summary>
    public T? Get<T>(Option<T> option) => Parse.GetValue(option);

    /// <summary>The value of <paramref name="argument"/>.</summary>
    public T Get<T>(Argument<T> argument) => Parse.GetValue(argument)!;

    /// <inheritdoc/>
    public void Dispose() => _connection?.Dispose();
}
