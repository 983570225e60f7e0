using System.Text;
using CloudGov.Cli;
using Spectre.Console;

namespace CloudGov.Cli.Tests;

/// <summary>What one command line printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>
/// Runs <c>cloudgov</c> in this process through its entry point (<see cref="CliApp.RunAsync"/>) with a captured console
/// 400 columns wide, its own home directory and config file, given environment variables only, and times shown in UTC+8.
/// </summary>
internal sealed class CliRun
{
    /// <summary>China Standard Time (UTC+8, no daylight saving), independent of the machine's zone data.</summary>
    public static readonly TimeZoneInfo Beijing = TimeZoneInfo.CreateCustomTimeZone("CST-test", TimeSpan.FromHours(8), "China Standard Time", "CST");

    public CliRun()
    {
        Home = Path.Combine(Path.GetTempPath(), "cloudgov-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Home);
        Environment["CLOUDGOV_CONFIG"] = ConfigPath;
    }

    /// <summary>The home directory of this run's user.</summary>
    public string Home { get; }

    /// <summary>The config file (<c>$CLOUDGOV_CONFIG</c>).</summary>
    public string ConfigPath => Path.Combine(Home, "cloudgov", "config.yaml");

    /// <summary>The environment the command sees (nothing else of this process's).</summary>
    public Dictionary<string, string?> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Standard input for the next command.</summary>
    public string Input { get; set; } = "";

    /// <summary>A run whose config holds one context <paramref name="name"/> for <paramref name="server"/> with <paramref name="token"/> in a token file.</summary>
    public static async Task<CliRun> LoggedInAsync(Uri server, string token, string name = "test")
    {
        var run = new CliRun();
        var file = run.WriteFile($"{name}.token", token);
        var login = await run.RunAsync("login", name, "--server", server.ToString(), "--token-file", file);
        Assert.That(login.ExitCode, Is.EqualTo(0), login.ToString());
        return run;
    }

    /// <summary>Writes a file under the home directory and returns its path.</summary>
    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(Home, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Runs one command line.</summary>
    public async Task<CliResult> RunAsync(params string[] args)
    {
        var output = new StringWriter(new StringBuilder());
        var error = new StringWriter(new StringBuilder());
        int exit = await CliApp.RunAsync(args, RunEnvironment(output, error));
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    /// <summary>The environment a command of this run sees, writing to <paramref name="output"/> and <paramref name="error"/>.</summary>
    public CliEnvironment RunEnvironment(TextWriter output, TextWriter error)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 400;
        var environment = new CliEnvironment
        {
            Out = output,
            Console = console,
            Error = error,
            In = new StringReader(Input),
            GetEnvironmentVariable = name => Environment.TryGetValue(name, out var value) ? value : null,
            HomeDirectory = Home,
            TimeZone = Beijing,
        };
        return environment;
    }
}
