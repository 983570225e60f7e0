using System.Diagnostics;

namespace CloudGov.Operations.Tests;

/// <summary>
/// Runs promtool or amtool (Debian packages prometheus and prometheus-alertmanager; .ci/run installs them) and returns
/// what it printed. A missing tool fails the test with how to install it: these checks are part of CI's count.
/// </summary>
internal static class ExternalTool
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The outcome of one run.</summary>
    internal sealed record Result(int ExitCode, string Output)
    {
        /// <summary>Fails the test with the tool's output unless it exited 0.</summary>
        public Result AssertSucceeded(string what)
        {
            Assert.That(ExitCode, Is.Zero, $"{what} failed (exit {ExitCode}):\n{Output}");
            return this;
        }
    }

    /// <summary>Runs <paramref name="tool"/> with <paramref name="arguments"/> in the repository root.</summary>
    public static async Task<Result> RunAsync(string tool, params string[] arguments)
    {
        string path = Find(tool);
        var start = new ProcessStartInfo(path)
        {
            WorkingDirectory = RepositoryFiles.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {path}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{tool} {string.Join(' ', arguments)} did not finish within {Timeout.TotalSeconds:F0} s");
        }

        return new Result(process.ExitCode, (await stdout) + (await stderr));
    }

    private static string Find(string tool)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(Path.PathSeparator))
        {
            string candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        string package = tool == "amtool" ? "prometheus-alertmanager" : "prometheus";
        Assert.Fail($"{tool} is not installed; `apt-get install -y {package}` (.ci/run does this when it is missing)");
        return tool;
    }
}
