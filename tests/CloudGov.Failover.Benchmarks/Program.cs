using System.Globalization;
using CloudGov.Failover.Benchmarks;

// dotnet run -c Release --project tests/CloudGov.Failover.Benchmarks [-- --runs 5 --zones 12]
int runs = 5, zones = 12;
for (int i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--runs": runs = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--zones": zones = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        default: Console.Error.WriteLine($"unknown option {args[i]}; use --runs N --zones N"); return 2;
    }
}

// The in-process agents log reconnects to the console; the figures go to the original stdout only.
var output = Console.Out;
Console.SetOut(TextWriter.Null);
return await FailoverBenchmark.RunAsync(runs, zones, output);
