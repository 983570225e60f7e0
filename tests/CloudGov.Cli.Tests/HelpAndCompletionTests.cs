using System.CommandLine;

namespace CloudGov.Cli.Tests;

/// <summary><c>--help</c> on every command shows an example; completion answers through the suggest directive.</summary>
public sealed class HelpAndCompletionTests
{
    [Test]
    public async Task Help_EveryCommand_ShowsAtLeastOneExample()
    {
        var cli = new CliRun();
        var root = CommandPaths();
        Assert.That(root, Has.Count.GreaterThan(30), "the whole tree was walked");

        foreach (var path in root)
        {
            var result = await cli.RunAsync([.. path, "--help"]);
            Assert.That(result.ExitCode, Is.EqualTo(0), string.Join(' ', path) + "\n" + result);
            Assert.That(result.Out, Does.Contain("Examples:\n  cloudgov").Or.Contain("Examples:\n  source").Or.Contain("Examples:\n  dotnet"), $"'{string.Join(' ', path)} --help' has an example:\n{result.Out}");
        }
    }

    [TestCase("cloudgov plans wat", "watch")]
    [TestCase("cloudgov workloads set", "set-intent")]
    [TestCase("cloudgov zones list --out", "--output")]
    public async Task Suggest_PartialCommandLine_CompletesIt(string line, string expected)
    {
        var cli = new CliRun();

        var result = await cli.RunAsync($"[suggest:{line.Length}]", line);

        Assert.That(result.Out.Split('\n', StringSplitOptions.TrimEntries), Does.Contain(expected), result.ToString());
    }

    [TestCase("bash", "complete -o default -F _cloudgov_complete cloudgov")]
    [TestCase("zsh", "compdef _cloudgov_complete cloudgov")]
    [TestCase("pwsh", "Register-ArgumentCompleter -Native -CommandName cloudgov")]
    public async Task Completion_Shell_PrintsItsScript(string shell, string expected)
    {
        var result = await new CliRun().RunAsync("completion", shell);

        Assert.That(result.ExitCode, Is.EqualTo(0));
        Assert.That(result.Out, Does.Contain(expected).And.Contain("[suggest:"));
    }

    /// <summary>Every command path, the root's own first, found by walking the command tree.</summary>
    private static List<string[]> CommandPaths()
    {
        var paths = new List<string[]> { Array.Empty<string>() };
        void Walk(Command command, string[] prefix)
        {
            foreach (var sub in command.Subcommands)
            {
                var path = prefix.Append(sub.Name).ToArray();
                paths.Add(path);
                Walk(sub, path);
            }
        }

        Walk(CliApp.Tree(new CliRun().RunEnvironment(new StringWriter(), new StringWriter())), []);
        return paths;
    }
}
