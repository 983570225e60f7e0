using System.Globalization;
using CloudGov.Stop.Benchmarks;

// dotnet run -c Release --project tests/CloudGov.Stop.Benchmarks [-- --runs 3 --agents 100]
int runs = 3, agents = 100;
for (int i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--runs": runs = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--agents": agents = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        default: Console.Error.WriteLine($"unknown option {args[i]}; use --runs N --agents N"); return 2;
    }
}

// The in-process agents log reconnects to the console; the figures go to the original stdout only.
var output = Console.Out;
Console.SetOut(TextWriter.Null);
return await StopBenchmark.RunAsync(runs, agents, output);
