using System.Globalization;
using CloudGov.Burst.Benchmarks;

// dotnet run -c Release --project tests/CloudGov.Burst.Benchmarks [-- --zones 1000,10000] [--set Section:Key=value …]
int[] sizes = [1_000, 10_000];
var hostSettings = new Dictionary<string, string?>();
for (int i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--zones": sizes = [.. args[i + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))]; break;
        case "--set" when args[i + 1].Split('=', 2) is [var key, var value]: hostSettings[key] = value; break;
        default: Console.Error.WriteLine($"unknown option {args[i]}; use --zones N[,N…] and --set Section:Key=value (host settings)"); return 2;
    }
}

int failed = 0;
foreach (int zones in sizes)
{
    var result = await BurstBenchmark.RunAsync(zones, hostSettings, Console.Out);
    Console.WriteLine(result.Format());
    failed += result.MeetsTarget ? 0 : 1;
}

Console.WriteLine(failed == 0 ? "target met: p99 during the burst ≤ 5 × at rest, health never red" : $"target missed in {failed} run(s)");
return failed == 0 ? 0 : 1;
