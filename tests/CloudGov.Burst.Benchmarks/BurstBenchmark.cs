using System.Diagnostics;
using CloudGov.Proto.Operations.V1;
using CloudGov.Testing;
using Grpc.Net.Client;

namespace CloudGov.Burst.Benchmarks;

/// <summary>
/// One run: a real host (its own process, SQLite storage) learns N zones from N raw agent streams, is restarted, is
/// measured at rest, and then all N streams reconnect at once — each Hello, Welcome and a report with a changed
/// workload set (two inventory changes per zone: the hard case for the index) — while ListZones and /healthz are asked
/// back to back.
/// </summary>
internal static class BurstBenchmark
{
    /// <summary>How long ListZones is sampled at rest.</summary>
    internal static readonly TimeSpan RestSampling = TimeSpan.FromSeconds(5);

    /// <summary>Registrations in flight on the first start (the set-up, not the burst being measured).</summary>
    internal const int RegisterParallel = 50;
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    /// <param name="zones">N.</param>
    /// <param name="hostSettings">Settings for the host (<c>--set</c>).</param>
    /// <param name="separateSampler">Whether the operator's ListZones calls come from their own process (<see cref="SamplerChild"/>)
    /// rather than from this one, which also runs the N agents' TLS handshakes and streams.</param>
    /// <param name="agentsNice">The nice value of this process's threads while the burst lasts (<see cref="AgentPriority"/>); 0 leaves them as they are.</param>
    /// <param name="progress">Where progress lines go.</param>
    public static async Task<BurstResult> RunAsync(int zones, IReadOnlyDictionary<string, string?> hostSettings, bool separateSampler, int agentsNice, TextWriter progress)
    {
        var settings = HostProcess.FreshSettings(new Dictionary<string, string?>
        {
            ["Storage:SqlitePath"] = Path.Combine(Path.GetTempPath(), "cloudgov-bench", $"burst-{Guid.NewGuid():N}.db"),
            // Nothing goes stale while the run lasts; the burst is the only load.
            ["Zones:ReportInterval"] = "00:02:00",
            ["Zones:StalenessWindow"] = "00:30:00",
            // The operator's back-to-back ListZones calls would pass the per-caller limit (100/s) at rest, and a refused
            // call (a fraction of a millisecond) is no latency sample; the limiter stays in the path, with room for them.
            ["Identity:RateLimit:PerSecond"] = "1000000",
            ["Identity:RateLimit:Burst"] = "1000000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        });
        foreach (var (key, value) in hostSettings)
        {
            settings[key] = value;
        }

        var ids = RawAgentFleet.ZoneIds($"burst{zones}", zones);
        int channels = Math.Max(4, zones / 1_000);
        double registerSeconds;

        progress.WriteLine($"N = {zones:N0}: registering the zones");
        await using (var first = await HostProcess.StartAsync(settings, $"burst-{zones}-first", TimeSpan.FromMinutes(2)))
        {
            await using var fleet = new RawAgentFleet(first.AgentAddress, channels);
            var registering = Stopwatch.StartNew();
            await fleet.ConnectAsync(ids, sequence: 1, parallel: RegisterParallel, workloads: ["a", "b", "c"]);
            var registered = new LatencySampler(Operations(first, out var firstChannel), zones, sequence: 1);
            using (firstChannel)
            {
                await registered.RunAsync(Stopwatch.StartNew(), () => false, untilReady: true, Limit);
            }

            if (registered.AllReadyAt is null)
            {
                throw new InvalidOperationException($"the {zones} zones did not all register within {Limit}; log: {first.LogPath}");
            }

            registerSeconds = registering.Elapsed.TotalSeconds;
        }

        progress.WriteLine($"N = {zones:N0}: restarting the host, measuring at rest");
        await using var host = await HostProcess.StartAsync(settings, $"burst-{zones}-restarted", TimeSpan.FromMinutes(2));
        var result = separateSampler
            ? await MeasureFromOwnProcessAsync(host, zones, ids, channels, registerSeconds, agentsNice, progress)
            : await MeasureInProcessAsync(host, zones, ids, channels, registerSeconds, agentsNice, progress);
        return result with { AgentsNice = agentsNice };
    }

    private static async Task<BurstResult> MeasureInProcessAsync(HostProcess host, int zones, IReadOnlyList<string> ids, int channels, double registerSeconds, int agentsNice, TextWriter progress)
    {
        var operations = Operations(host, out var channel);
        using (channel)
        {
            var warm = new LatencySampler(operations, zones, sequence: 1);
            var warmClock = Stopwatch.StartNew();
            await warm.RunAsync(warmClock, () => warmClock.Elapsed > TimeSpan.FromSeconds(1), untilReady: false, Limit);

            await using var health = HealthWatch.Start(new Uri($"http://127.0.0.1:{host.HttpPort}"), TimeSpan.FromMilliseconds(50));
            var rest = new LatencySampler(operations, zones, sequence: 1);
            var restClock = Stopwatch.StartNew();
            await rest.RunAsync(restClock, () => restClock.Elapsed > RestSampling, untilReady: false, Limit);

            progress.WriteLine($"N = {zones:N0}: burst");
            await using var fleet = new RawAgentFleet(host.AgentAddress, channels);
            var burst = new LatencySampler(operations, zones, sequence: 2);
            using var priority = AgentsAt(agentsNice, progress);
            var clock = Stopwatch.StartNew();
            var sampling = burst.RunAsync(clock, () => false, untilReady: true, Limit);
            await fleet.ConnectAsync(ids, sequence: 2, parallel: zones, workloads: ["a", "b", "c", "d"]);
            double connected = clock.Elapsed.TotalSeconds;
            await sampling;
            int answers = health.Answers;
            var failures = health.Failures;
            await health.DisposeAsync();

            return Result(zones, connected, rest.Milliseconds, burst.Milliseconds, burst.AllReadyAt?.TotalSeconds, answers, failures, burst.LastAnswerBytes, [.. rest.Errors.Select(e => "at rest: " + e), .. burst.Errors], registerSeconds, "this process (beside the agents)");
        }
    }

    private static async Task<BurstResult> MeasureFromOwnProcessAsync(HostProcess host, int zones, IReadOnlyList<string> ids, int channels, double registerSeconds, int agentsNice, TextWriter progress)
    {
        await using var sampler = await SamplerProcess.StartAsync(host.GrpcAddress, zones);
        await using var health = HealthWatch.Start(new Uri($"http://127.0.0.1:{host.HttpPort}"), TimeSpan.FromMilliseconds(50));
        var rest = await await sampler.StartPhaseAsync("rest");

        progress.WriteLine($"N = {zones:N0}: burst");
        await using var fleet = new RawAgentFleet(host.AgentAddress, channels);
        using var priority = AgentsAt(agentsNice, progress);
        var clock = Stopwatch.StartNew();
        var sampling = await sampler.StartPhaseAsync("burst 2");
        await fleet.ConnectAsync(ids, sequence: 2, parallel: zones, workloads: ["a", "b", "c", "d"]);
        double connected = clock.Elapsed.TotalSeconds;
        var burst = await sampling;
        int answers = health.Answers;
        var failures = health.Failures;
        await health.DisposeAsync();

        return Result(zones, connected, rest.Milliseconds, burst.Milliseconds, burst.ReadySeconds, answers, failures, burst.AnswerBytes, [.. rest.Errors.Select(e => "at rest: " + e), .. burst.Errors], registerSeconds, "its own process");
    }

    /// <summary>This process's threads at <paramref name="nice"/> until disposed, then back at 0 (0: nothing changes).</summary>
    private static Restore? AgentsAt(int nice, TextWriter progress)
    {
        if (nice == 0)
        {
            return null;
        }

        int refused = AgentPriority.Set(nice);
        progress.WriteLine($"  the agents' threads at nice {nice}{(refused > 0 ? $" ({refused} threads refused it)" : string.Empty)}");
        return new Restore(() =>
        {
            if (AgentPriority.Set(0) > 0)
            {
                progress.WriteLine("  warning: the agents' threads could not return to nice 0 (raising a priority needs CAP_SYS_NICE); later hosts start from them at the lower priority");
            }
        });
    }

    private sealed class Restore(Action action) : IDisposable
    {
        public void Dispose() => action();
    }

    /// <summary>One run's figures, whichever process asked <c>ListZones</c>.</summary>
    private static BurstResult Result(
        int zones, double connected, IReadOnlyList<double> rest, IReadOnlyList<double> burst, double? readySeconds,
        int answers, IReadOnlyList<string> failures, int answerBytes, IReadOnlyList<string> errors, double registerSeconds, string sampler) =>
        new(
            zones,
            connected,
            rest.Count,
            LatencySampler.Quantile(rest, 0.50),
            LatencySampler.Quantile(rest, 0.99),
            burst.Count,
            LatencySampler.Quantile(burst, 0.50),
            LatencySampler.Quantile(burst, 0.99),
            readySeconds,
            answers,
            failures,
            answerBytes,
            errors,
            registerSeconds,
            sampler);

    /// <summary>An operations client on its own channel, allowed answers far above gRPC's 4 MiB default (10,000 zones).</summary>
    private static OperationsService.OperationsServiceClient Operations(HostProcess host, out GrpcChannel channel)
    {
        channel = CloudGov.Testing.Identity.TestTokens.Channel(host.GrpcAddress, options: new GrpcChannelOptions { MaxReceiveMessageSize = 256 * 1024 * 1024 });
        return new OperationsService.OperationsServiceClient(channel);
    }
}
