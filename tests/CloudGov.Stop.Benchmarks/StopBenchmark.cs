using System.Diagnostics;
using System.Text.RegularExpressions;
using CloudGov.Agent.Connection;
using CloudGov.Testing;

namespace CloudGov.Stop.Benchmarks;

/// <summary>
/// A single-node control plane (SQLite, its own OS process) is started, gets its agents connected and reporting, and is
/// sent SIGTERM; the clock runs from the signal to the process's exit. Each run measures the host with no agents (the
/// reference) and then with the agent count (the hard case), on fresh hosts, in the same process; the table gives the
/// medians, the ratio, how many agents saw the documented host-stopping end, and error lines in the host's stop log.
/// </summary>
internal static partial class StopBenchmark
{
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(int runs, int agentCount, TextWriter output)
    {
        var total = Stopwatch.StartNew();
        output.WriteLine($"# stop benchmark: single-node host (SQLite), SIGTERM to exit, 0 vs {agentCount} agents, {runs} run(s) each, {Environment.ProcessorCount} cores");
        var idle = new List<double>();
        var loaded = new List<double>();
        int problems = 0;
        for (int run = 1; run <= runs; run++)
        {
            var (none, _, noneProblems) = await MeasureAsync(0, output);
            var (busy, stopped, busyProblems) = await MeasureAsync(agentCount, output);
            idle.Add(none);
            loaded.Add(busy);
            problems += noneProblems + busyProblems;
            output.WriteLine(FormattableString.Invariant($"run {run}: 0 agents {none:F2} s, {agentCount} agents {busy:F2} s ({stopped}/{agentCount} streams ended with host-stopping; {noneProblems + busyProblems} error/trace line(s))"));
        }

        double ratio = Median(loaded) / Median(idle);
        output.WriteLine();
        output.WriteLine("| agents connected | runs | median SIGTERM to exit (s) | max (s) |");
        output.WriteLine("|---|---|---|---|");
        output.WriteLine(FormattableString.Invariant($"| 0 (reference) | {runs} | {Median(idle):F2} | {idle.Max():F2} |"));
        output.WriteLine(FormattableString.Invariant($"| {agentCount} | {runs} | {Median(loaded):F2} | {loaded.Max():F2} |"));
        output.WriteLine(FormattableString.Invariant($"with {agentCount} agents the stop takes {ratio:F2}x the idle host's; target <= {Target.TotalSeconds:F0} s: {(loaded.Max() <= Target.TotalSeconds ? "met" : "MISSED")}; error/trace lines in stop logs: {problems}; whole run {total.Elapsed.TotalSeconds:F0} s"));
        return loaded.Max() <= Target.TotalSeconds && problems == 0 ? 0 : 1;
    }

    private static async Task<(double Seconds, int HostStops, int Problems)> MeasureAsync(int agentCount, TextWriter output)
    {
        var settings = HostProcess.FreshSettings(new Dictionary<string, string?>
        {
            ["Storage:Mode"] = "Sqlite",
            ["Storage:SqlitePath"] = Path.Combine(Path.GetTempPath(), "cloudgov-stop-bench", $"{Guid.NewGuid():N}", "cloudgov.db"),
            ["Storage:ClusterId"] = $"stop-bench-{Guid.NewGuid():N}",
            ["Zones:ReportInterval"] = "00:00:01",
            ["Zones:StalenessWindow"] = "00:00:30",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:CloudGov.ControlPlane.Stopping"] = "Information",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        });
        await using var host = await HostProcess.StartAsync(settings, $"stop-bench-{agentCount}");
        var agents = new List<AgentProcess>();
        try
        {
            for (int i = 0; i < agentCount; i++)
            {
                agents.Add(await AgentProcess.StartAsync(AgentProcess.ZoneSettings(host.AgentAddress, $"stop-bench-zone-{i:D3}", workloads: 20)));
            }

            await WaitAsync(() => agents.All(a => a.State.Connected && a.State.Acknowledged >= 2), TimeSpan.FromSeconds(120), "every agent connected with 2 reports acknowledged");
            int mark = host.ReadLog().Length;
            var watch = Stopwatch.StartNew();
            await host.StopAsync(TimeSpan.FromSeconds(60));
            double seconds = watch.Elapsed.TotalSeconds;
            await WaitAsync(() => agents.All(a => a.State.HostStops >= 1 || !a.State.Connected), TimeSpan.FromSeconds(10), "every agent noticed the stop");
            var log = host.ReadLog();
            int problems = log[Math.Min(mark, log.Length)..].Split('\n').Count(l => Offending().IsMatch(l));
            return (seconds, agents.Count(a => a.State.HostStops >= 1), problems);
        }
        finally
        {
            await Task.WhenAll(agents.Select(a => a.DisposeAsync().AsTask()));
        }
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"timed out after {timeout.TotalSeconds:F0} s waiting until {what}");
            }

            await Task.Delay(50);
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>Error or critical lines, stack frames and Orleans' non-graceful shutdown, as in the cluster tests.</summary>
    [GeneratedRegex(@"(^|\s)(fail|crit): |^\s+at \S+\(|^\s*[\w.]+Exception: |---> |non-graceful", RegexOptions.CultureInvariant)]
    private static partial Regex Offending();
}
