using System.Diagnostics;
using System.Globalization;
using CloudGov.ControlPlane.Persistence;
using CloudGov.Proto.Operations.V1;
using CloudGov.Testing;
using CloudGov.Testing.Postgres;
using Grpc.Core;
using Orleans.Configuration;

namespace CloudGov.Failover.Benchmarks;

/// <summary>
/// Three control-plane processes on one PostgreSQL with reporting agents; per run one host is SIGKILLed and the clock
/// runs until every zone answers <c>GetZone</c> (with its workloads) through a surviving host; then the host is started
/// again on its ports. Orleans' defaults and the tuned settings are measured in the same run, one after the other.
/// </summary>
internal static class FailoverBenchmark
{
    private const int Hosts = 3;

    public static async Task<int> RunAsync(int runs, int zoneCount, TextWriter output)
    {
        var total = Stopwatch.StartNew();
        await using var postgres = await PostgresServer.StartAsync();
        output.WriteLine($"# failover benchmark: {Hosts} hosts, {zoneCount} zones with reporting agents, {runs} SIGKILLs per profile, {Environment.ProcessorCount} cores");
        var defaults = new ClusterMembershipOptions();
        var tuned = new StorageMembershipOptions();
        output.WriteLine($"# orleans-defaults: ProbeTimeout {defaults.ProbeTimeout.TotalSeconds} s, NumMissedProbesLimit {defaults.NumMissedProbesLimit}, NumVotesForDeathDeclaration {defaults.NumVotesForDeathDeclaration}, TableRefreshTimeout {defaults.TableRefreshTimeout.TotalSeconds} s");
        output.WriteLine($"# tuned:            ProbeTimeout {tuned.ProbeTimeout.TotalSeconds} s (max {tuned.MaxProbeTimeout.TotalSeconds} s), NumMissedProbesLimit {tuned.NumMissedProbesLimit}, NumVotesForDeathDeclaration {tuned.NumVotesForDeathDeclaration}, TableRefreshTimeout {tuned.TableRefreshTimeout.TotalSeconds} s");

        var results = new List<(string Profile, double[] Seconds)>();
        foreach (var (profile, tunedSetting) in new[] { ("orleans-defaults", "false"), ("tuned", "true") })
        {
            var seconds = await MeasureProfileAsync(postgres, profile, tunedSetting, runs, zoneCount, output);
            results.Add((profile, seconds));
        }

        if (results.Any(r => r.Seconds.Length == 0))
        {
            output.WriteLine("no kill hit a host with zones on it; nothing to compare");
            return 1;
        }

        output.WriteLine();
        output.WriteLine("| settings | runs | median (s) | max (s) |");
        output.WriteLine("|---|---|---|---|");
        foreach (var (profile, seconds) in results)
        {
            output.WriteLine(FormattableString.Invariant($"| {profile} | {seconds.Length} | {Median(seconds):F2} | {seconds.Max():F2} |"));
        }

        double ratio = Median(results[0].Seconds) / Median(results[1].Seconds);
        output.WriteLine(FormattableString.Invariant($"tuned failover is {ratio:F1}x faster than Orleans' defaults (median); whole run {total.Elapsed.TotalSeconds:F0} s"));
        return 0;
    }

    private static async Task<double[]> MeasureProfileAsync(PostgresServer postgres, string profile, string tunedSetting, int runs, int zoneCount, TextWriter output)
    {
        var database = await postgres.CreateDatabaseAsync("failover_bench");
        var clusterId = $"bench-{profile}-{Guid.NewGuid():N}"[..40];
        var settings = Enumerable.Range(0, Hosts).Select(_ => HostProcess.FreshSettings(new Dictionary<string, string?>
        {
            ["Storage:Mode"] = "Postgres",
            ["Storage:PostgresConnectionString"] = database,
            ["Storage:ClusterId"] = clusterId,
            ["Storage:ServiceId"] = clusterId,
            ["Storage:Membership:Tuned"] = tunedSetting,
            ["Zones:ReportInterval"] = "00:00:01",
            ["Zones:StalenessWindow"] = "00:00:30",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        })).ToArray();
        var hosts = new HostProcess?[Hosts];
        var agents = new List<AgentProcess>();
        var seconds = new List<double>();
        try
        {
            hosts[0] = await HostProcess.StartAsync(settings[0], $"{profile}-0");
            var others = await Task.WhenAll(Enumerable.Range(1, Hosts - 1).Select(i => HostProcess.StartAsync(settings[i], $"{profile}-{i}")));
            for (int i = 1; i < Hosts; i++)
            {
                hosts[i] = others[i - 1];
            }

            string[] zones = [.. Enumerable.Range(0, zoneCount).Select(i => $"bench-zone-{i}")];
            for (int i = 0; i < zones.Length; i++)
            {
                var agentSettings = AgentProcess.ZoneSettings(hosts[i % Hosts]!.AgentAddress, zones[i]);
                for (int k = 0; k < Hosts; k++)
                {
                    agentSettings[$"Agent:ControlPlaneAddresses:{k}"] = hosts[(i + k) % Hosts]!.AgentAddress.ToString();
                }

                agents.Add(await AgentProcess.StartAsync(agentSettings));
            }

            await WaitAsync(() => agents.All(a => a.State.Acknowledged >= 2), TimeSpan.FromSeconds(60), "every agent has 2 reports acknowledged");
            // A run where no zone lived on the killed host measures nothing; it is reported and repeated (up to 2 × runs kills).
            for (int run = 1, kills = 0; run <= runs && kills < 2 * runs; kills++)
            {
                int victim = (kills + 1) % Hosts;
                var survivors = hosts.Where((_, i) => i != victim).Select(h => h!).ToArray();
                await WaitAsync(async () => (await AnsweringAsync(survivors, zones, TimeSpan.FromSeconds(2))).Count == zones.Length,
                    TimeSpan.FromSeconds(60), "every zone answers before the kill");

                var watch = Stopwatch.StartNew();
                hosts[victim]!.KillNow();
                var answeredAt = await TimeUntilAllAnswerAsync(survivors, zones, watch, TimeSpan.FromSeconds(90));
                var failover = answeredAt.Values.Max(a => a.Seconds);
                int failed = answeredAt.Values.Count(a => a.FailedFirst);
                if (failed == 0)
                {
                    output.WriteLine(FormattableString.Invariant($"{profile}: killed host {victim}, but every zone answered at once ({failover:F2} s): none lived there; not counted"));
                }
                else
                {
                    seconds.Add(failover);
                    output.WriteLine(FormattableString.Invariant($"{profile} run {run}: killed host {victim}; all {zones.Length} zones answered after {failover:F2} s ({failed} zone(s) failed or timed out at least once before answering)"));
                    run++;
                }

                await hosts[victim]!.DisposeAsync();
                hosts[victim] = await HostProcess.StartAsync(settings[victim], $"{profile}-{victim}");
            }
        }
        catch
        {
            foreach (var host in hosts.Where(h => h is not null))
            {
                output.WriteLine($"--- {host} ---\n{Tail(host!.ReadLog(), 3000)}");
            }

            throw;
        }
        finally
        {
            await Task.WhenAll(agents.Select(a => a.DisposeAsync().AsTask()));
            foreach (var host in hosts.Where(h => h is not null))
            {
                await host!.DisposeAsync();
            }
        }

        return [.. seconds];
    }

    /// <summary>Polls every zone independently through the survivors until it answers; returns seconds since the kill per zone.</summary>
    private static async Task<Dictionary<string, (double Seconds, bool FailedFirst)>> TimeUntilAllAnswerAsync(HostProcess[] survivors, string[] zones, Stopwatch sinceKill, TimeSpan limit)
    {
        var tasks = zones.Select(async (zone, i) =>
        {
            var client = new OperationsService.OperationsServiceClient(survivors[i % survivors.Length].Channel);
            bool failed = false;
            while (sinceKill.Elapsed < limit)
            {
                try
                {
                    var answer = await client.GetZoneAsync(new GetZoneRequest { ZoneId = zone }, deadline: DateTime.UtcNow.AddMilliseconds(500));
                    if (answer.Workloads.Count > 0)
                    {
                        return (zone, sinceKill.Elapsed.TotalSeconds, failed);
                    }
                }
                catch (RpcException)
                {
                    failed = true;
                    await Task.Delay(50);
                }
            }

            throw new TimeoutException($"zone {zone} did not answer through the surviving hosts within {limit.TotalSeconds} s of the kill");
        });
        var answered = await Task.WhenAll(tasks);
        return answered.ToDictionary(a => a.zone, a => (a.TotalSeconds, a.failed));
    }

    private static async Task<List<string>> AnsweringAsync(HostProcess[] hosts, string[] zones, TimeSpan deadline)
    {
        var answering = new List<string>();
        for (int i = 0; i < zones.Length; i++)
        {
            try
            {
                var client = new OperationsService.OperationsServiceClient(hosts[i % hosts.Length].Channel);
                var answer = await client.GetZoneAsync(new GetZoneRequest { ZoneId = zones[i] }, deadline: DateTime.UtcNow + deadline);
                if (answer.Workloads.Count > 0)
                {
                    answering.Add(zones[i]);
                }
            }
            catch (RpcException)
            {
                // Not yet.
            }
        }

        return answering;
    }

    private static Task WaitAsync(Func<bool> condition, TimeSpan timeout, string expectation) =>
        WaitAsync(() => Task.FromResult(condition()), timeout, expectation);

    private static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, string expectation)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"timed out after {timeout.TotalSeconds} s waiting until {expectation}");
            }

            await Task.Delay(100);
        }
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Tail(string text, int length) => text.Length <= length ? text : text[^length..];
}
