using System.Globalization;

namespace CloudGov.Scheduling.Benchmarks;

/// <summary>Command-line options of the benchmark.</summary>
internal sealed class BenchmarkOptions
{
    public const string Usage = """
        usage: dotnet run -c Release --project tests/CloudGov.Scheduling.Benchmarks -- [options]
          --sizes 200x10,1000x20,...   instance sizes as workloads x zones (default: the five issue sizes)
          --seed N                     instance seed (default 42)
          --cpsat-seconds S            CP-SAT time limit per instance (default 30)
          --cpsat-max-workloads N      run CP-SAT up to this many workloads; above, the per-zone bound (default 1000)
          --repeat N                   timed CloudGov runs per size, median reported (default 5)
          --bound-seconds S            CP-SAT deterministic time per hot zone for the per-zone bound (default 10)
          --diagnose                   print CloudGov's per-zone moves against the per-zone bound
          --families all|F1,F2,...     per-family mode: standard, tiered, bimodal, citylocked, memorygpu, manygroups,
                                       infeasible, balanced (CP-SAT minimizes zones over target, then moves)
          --small-seeds N              in per-family mode, N seeded small instances per family (default 0)
          --small-sizes 60x6,200x10    sizes of the small instances (default 200x10,1000x20)
          --balance-tolerance T        CloudGov's BalanceTolerance (default: the option's default, 0.40)
          --no-make-room               CloudGov with make-room chains off
          --no-exchange                CloudGov with the exchange pass off
          --timing-only                per-family mode: plan times, moves, violations and second runs only (no CP-SAT
                                       reference, no bounds), for alternated before/after timing runs
        """;

    public IReadOnlyList<(int Workloads, int Zones)> Sizes { get; private set; } =
        [(200, 10), (1_000, 20), (5_000, 50), (20_000, 100), (100_000, 200)];

    public int Seed { get; private set; } = 42;

    public double CpSatSeconds { get; private set; } = 30;

    public int CpSatMaxWorkloads { get; private set; } = 1_000;

    public int Repeat { get; private set; } = 5;

    public bool Help { get; private set; }

    public bool Diagnose { get; private set; }

    public double BoundSeconds { get; private set; } = 10;

    /// <summary>Families for the per-family mode; empty runs the original single-family benchmark.</summary>
    public IReadOnlyList<InstanceFamily> Families { get; private set; } = [];

    public int SmallSeeds { get; private set; }

    public double? BalanceTolerance { get; private set; }

    public bool NoMakeRoom { get; private set; }

    public bool NoExchange { get; private set; }

    /// <summary>Per-family mode without the CP-SAT reference and the bounds (timings and plan checks only).</summary>
    public bool TimingOnly { get; private set; }

    public IReadOnlyList<(int Workloads, int Zones)> SmallSizes { get; private set; } = [(200, 10), (1_000, 20)];

    public static BenchmarkOptions Parse(string[] args)
    {
        var o = new BenchmarkOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--sizes":
                    o.Sizes = [.. Next().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(ParseSize)];
                    break;
                case "--seed":
                    o.Seed = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--cpsat-seconds":
                    o.CpSatSeconds = double.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--cpsat-max-workloads":
                    o.CpSatMaxWorkloads = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--repeat":
                    o.Repeat = Math.Max(1, int.Parse(Next(), CultureInfo.InvariantCulture));
                    break;
                case "--bound-seconds":
                    o.BoundSeconds = double.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--families":
                    string list = Next();
                    o.Families = list == "all"
                        ? Enum.GetValues<InstanceFamily>()
                        : [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(f => Enum.TryParse(f, ignoreCase: true, out InstanceFamily v) && Enum.IsDefined(v) ? v : throw new ArgumentException($"unknown family '{f}'"))];
                    break;
                case "--small-seeds":
                    o.SmallSeeds = Math.Max(0, int.Parse(Next(), CultureInfo.InvariantCulture));
                    break;
                case "--small-sizes":
                    o.SmallSizes = [.. Next().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(ParseSize)];
                    break;
                case "--balance-tolerance":
                    o.BalanceTolerance = double.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--no-make-room":
                    o.NoMakeRoom = true;
                    break;
                case "--no-exchange":
                    o.NoExchange = true;
                    break;
                case "--timing-only":
                    o.TimingOnly = true;
                    break;
                case "--diagnose":
                    o.Diagnose = true;
                    break;
                case "--help" or "-h":
                    o.Help = true;
                    break;
                default:
                    throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        return o;
    }

    private static (int, int) ParseSize(string text)
    {
        string[] parts = text.ToLowerInvariant().Replace('×', 'x').Split('x');
        if (parts.Length != 2 || !int.TryParse(parts[0], out int w) || !int.TryParse(parts[1], out int z) || w < 1 || z < 2)
        {
            throw new ArgumentException($"bad size '{text}': use WORKLOADSxZONES, e.g. 1000x20");
        }

        return (w, z);
    }
}
