using System.Globalization;
using CloudGov.Burst.Benchmarks;
using CloudGov.Testing;

// dotnet run -c Release --project tests/CloudGov.Burst.Benchmarks [-- --zones 1000,10000] [--sampler process|in-process] [--set Section:Key=value …] [--host <published cloudgov-controlplane.dll>] [--agents-nice 0..19 (default 19; 0 with the in-process sampler)]
if (args is ["--sampler", var address, var count])
{
    return await SamplerChild.RunAsync(new Uri(address), int.Parse(count, CultureInfo.InvariantCulture));
}

int[] sizes = [1_000, 10_000];
bool separateSampler = true;
int? agentsNice = null; // default 19 (the agents run in their own zones in a deployment: see AgentPriority)
var hostSettings = new Dictionary<string, string?>();
for (int i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--zones": sizes = [.. args[i + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))]; break;
        case "--sampler" when args[i + 1] is "process" or "in-process": separateSampler = args[i + 1] == "process"; break;
        case "--set" when args[i + 1].Split('=', 2) is [var key, var value]: hostSettings[key] = value; break;
        case "--agents-nice" when int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n <= 19: agentsNice = n; break;
        case "--host" when File.Exists(args[i + 1]): Environment.SetEnvironmentVariable(HostProcess.ExecutableVariable, Path.GetFullPath(args[i + 1])); break;
        default: Console.Error.WriteLine($"unknown option {args[i]} (or --host names no file); use --zones N[,N…], --sampler process|in-process, --set Section:Key=value (host settings), --host <cloudgov-controlplane.dll> (e.g. a ReadyToRun publish) and --agents-nice 0..19 (the simulated agents' CPU priority during the burst)"); return 2;
    }
}

if (!separateSampler && agentsNice is > 0)
{
    Console.Error.WriteLine("--sampler in-process asks ListZones from this process, whose threads --agents-nice lowers: use it with --agents-nice 0 (its default)");
    return 2;
}

int nice = agentsNice ?? (separateSampler ? 19 : 0);
Console.WriteLine($"host: {Environment.GetEnvironmentVariable(HostProcess.ExecutableVariable) ?? "the control plane built beside this benchmark"}; settings: {(hostSettings.Count == 0 ? "defaults" : string.Join(", ", hostSettings.Select(s => $"{s.Key}={s.Value}")))}");
int failed = 0;
foreach (int zones in sizes)
{
    string loadBefore = LoadAverage();
    var result = await BurstBenchmark.RunAsync(zones, hostSettings, separateSampler, nice, Console.Out);
    Console.WriteLine(result.Format());
    Console.WriteLine($"  load average (1, 5, 15 min) at the start {loadBefore}, at the end {LoadAverage()}");
    failed += result.MeetsTarget ? 0 : 1;
}

Console.WriteLine(failed == 0 ? "target met: p99 during the burst ≤ 5 × at rest, health never red" : $"target missed in {failed} run(s)");
return failed == 0 ? 0 : 1;

// The machine is shared: every figure goes with the load it was measured under.
static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
