using System.CommandLine;
using System.Globalization;
using CloudGov.Cli.Commands;
using CloudGov.Cli.Connection;
using CloudGov.Cli.Output;
using Grpc.Core;

namespace CloudGov.Cli;

/// <summary>The <c>cloudgov</c> command tree, its global options and how each command runs (errors to exit codes).</summary>
internal sealed class CliApp
{
    private readonly Option<string> _output = new("--output", "-o")
    {
        Description = "Output format: table (for people), json (the API's message, every field, proto names) or yaml",
        DefaultValueFactory = _ => "table",
        Recursive = true,
        HelpName = "table|json|yaml",
    };

    private readonly Option<string?> _context = new("--context")
    {
        Description = "Use this context instead of the current one (cloudgov context list)",
        Recursive = true,
    };

    private readonly Option<string?> _server = new("--server")
    {
        Description = "The control plane's gRPC address, over the context's (e.g. http://127.0.0.1:5100)",
        Recursive = true,
    };

    private readonly Option<string> _timeout = new("--timeout")
    {
        Description = "Deadline of each call: 30s, 2m, or seconds",
        DefaultValueFactory = _ => "30s",
        Recursive = true,
    };

    private CliApp(CliEnvironment environment)
    {
        Environment = environment;
        _output.AcceptOnlyFromAmong("table", "json", "yaml");
        Root = new RootCommand(
            "cloudgov — the CloudGov operator's command line: zones, the ledger, placement, rebalance plans, tenants and quota, " +
            "audit. It talks to the control plane's public gRPC API with the bearer token of the current context.");
        ExamplesHelpAction.Set(Root, [
            "cloudgov login demo --server http://127.0.0.1:5100 --token-file demo/CloudGov.Demo/data/tokens.env --token-key CLOUDGOV_OPERATOR_TOKEN",
            "cloudgov zones list",
            "source <(cloudgov completion bash)"]);
        var help = Root.Options.OfType<System.CommandLine.Help.HelpOption>().Single();
        help.Action = new ExamplesHelpAction((System.CommandLine.Help.HelpAction)help.Action!);
        Root.Options.Add(_output);
        Root.Options.Add(_context);
        Root.Options.Add(_server);
        Root.Options.Add(_timeout);
        Command[] commands =
        [
            LoginCommands.Login(this), LoginCommands.Context(this), ZonesCommands.Create(this), SummaryCommand.Create(this),
            WorkloadsCommands.Create(this), PlaceCommand.Create(this), PlansCommands.Create(this), TenantsCommands.Create(this),
            QuotaCommands.Create(this), AuditCommands.Create(this), .. BaselineCommands.Create(this), CompletionCommand.Create(this),
        ];
        foreach (var command in commands)
        {
            Root.Subcommands.Add(command);
        }
    }

    /// <summary>The process's console and environment.</summary>
    public CliEnvironment Environment { get; }

    /// <summary>The root command.</summary>
    public RootCommand Root { get; }

    /// <summary>The command tree (for tests that walk every command).</summary>
    internal static RootCommand Tree(CliEnvironment environment) => new CliApp(environment).Root;

    /// <summary>Runs one command line and returns its exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        var app = new CliApp(environment);
        var parse = app.Root.Parse(args);
        var invocation = new InvocationConfiguration { Output = environment.Out, Error = environment.Error, EnableDefaultExceptionHandler = false };
        if (parse.Errors.Count > 0 && parse.Action is not { ClearsParseErrors: true })
        {
            foreach (var error in parse.Errors)
            {
                await environment.Error.WriteLineAsync($"error: {error.Message}");
            }

            await environment.Error.WriteLineAsync($"(usage error, exit code {ExitCodes.Usage}; see 'cloudgov {string.Join(' ', CommandPath(parse))} --help')");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(invocation, cancellationToken);
    }

    /// <summary>A command with its description and an example (shown by <c>--help</c>).</summary>
    public static Command Verb(string name, string description, params string[] examples)
    {
        var command = new Command(name, description);
        ExamplesHelpAction.Set(command, examples);
        return command;
    }

    /// <summary>Makes <paramref name="command"/> run <paramref name="run"/>, turning failures into messages and exit codes.</summary>
    public void Handle(Command command, Func<CommandContext, CancellationToken, Task<int>> run) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            GlobalSettings settings;
            try
            {
                settings = Settings(parse);
            }
            catch (CliUsageException e)
            {
                await Environment.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.Usage;
            }

            using var context = new CommandContext(parse, settings, Environment);
            try
            {
                return await run(context, cancellationToken);
            }
            catch (CliUsageException e)
            {
                await Environment.Error.WriteLineAsync($"error: {e.Message}");
                await Environment.Error.WriteLineAsync($"  (exit code {ExitCodes.Usage})");
                return ExitCodes.Usage;
            }
            catch (RpcException e)
            {
                return RpcErrors.Report(e, context.ServerText, Environment.Error);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await Environment.Error.WriteLineAsync($"error: {e.Message}");
                await Environment.Error.WriteLineAsync($"  (a local file could not be read or written; exit code {ExitCodes.Usage})");
                return ExitCodes.Usage;
            }
        });

    private GlobalSettings Settings(ParseResult parse)
    {
        var format = parse.GetValue(_output) switch
        {
            "json" => OutputFormat.Json,
            "yaml" => OutputFormat.Yaml,
            _ => OutputFormat.Table,
        };
        return new GlobalSettings(parse.GetValue(_context), parse.GetValue(_server), format, Duration(parse.GetValue(_timeout) ?? "30s", "--timeout"));
    }

    /// <summary>A duration: <c>90s</c>, <c>2m</c>, <c>1h</c>, <c>500ms</c> or a number of seconds; 100 ms to 1 day.</summary>
    public static TimeSpan Duration(string text, string option)
    {
        var t = text.Trim();
        double factor = 1;
        if (t.EndsWith("ms", StringComparison.Ordinal)) { factor = 0.001; t = t[..^2]; }
        else if (t.EndsWith('s')) { t = t[..^1]; }
        else if (t.EndsWith('m')) { factor = 60; t = t[..^1]; }
        else if (t.EndsWith('h')) { factor = 3600; t = t[..^1]; }

        if (!double.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ||
            value * factor < 0.1 || value * factor > 86400)
        {
            throw new CliUsageException($"{option}: '{ControlPlaneConnection.Shorten(text)}' is not a duration from 100ms to 1 day, e.g. 30s, 2m, 500ms");
        }

        return TimeSpan.FromSeconds(value * factor);
    }

    private static IEnumerable<string> CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null && result.Command is not RootCommand; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, result.Command.Name);
        }

        return names;
    }
}
