using System.Globalization;

namespace CloudGov.Ledger.Benchmarks;

/// <summary>Command-line options of the ledger benchmark.</summary>
internal sealed class BenchOptions
{
    public const string Usage = """
        usage: dotnet run -c Release --project tests/CloudGov.Ledger.Benchmarks -- [options]
          --zones N                 zones (default 200)
          --workloads-per-zone N    workloads each zone reports (default 500)
          --rounds N                reports per zone with the workloads (sequences increasing) and timed
                                    ProposeRebalance runs per mode, median reported (default 3)
          --hot-every N             every Nth zone is hot, ~95% requested; the rest ~40% (default 5: 40 of 200)
          --feed grpc|grain         grpc (default): reports through AgentService.Connect, as agents send them;
                                    grain: Hello on the stream, reports validated by the gateway's validator with the
                                    workloads' labels kept, then handed to the zone grains (what the gateway does once
                                    it maps WorkloadReport.labels)
          --register auto|off       when the ledger adopted the labelled workloads unmanaged, register their intent
                                    through the operations API's SetWorkloadIntent (auto, default) or stop (off)
          --skip-isolation          skip the LedgerBook heap breakdown
        """;

    public int Zones { get; private set; } = 200;

    public int WorkloadsPerZone { get; private set; } = 500;

    public int Rounds { get; private set; } = 3;

    public int HotEvery { get; private set; } = 5;

    public string Feed { get; private set; } = "grpc";

    public bool Register { get; private set; } = true;

    public bool Isolation { get; private set; } = true;

    public bool Help { get; private set; }

    public int Workloads => Zones * WorkloadsPerZone;

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Positive() => int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v > 0
                ? v
                : throw new ArgumentException($"{args[i - 1]} needs a positive integer");
            switch (args[i])
            {
                case "--zones":
                    o.Zones = Positive();
                    break;
                case "--workloads-per-zone":
                    o.WorkloadsPerZone = Positive();
                    break;
                case "--rounds":
                    o.Rounds = Positive();
                    break;
                case "--hot-every":
                    o.HotEvery = Positive();
                    break;
                case "--feed":
                    o.Feed = Next() is "grpc" or "grain" ? args[i] : throw new ArgumentException("--feed is grpc or grain");
                    break;
                case "--register":
                    o.Register = Next() switch
                    {
                        "auto" => true,
                        "off" => false,
                        _ => throw new ArgumentException("--register is auto or off"),
                    };
                    break;
                case "--skip-isolation":
                    o.Isolation = false;
                    break;
                case "--help" or "-h":
                    o.Help = true;
                    break;
                default:
                    throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        if (o.Zones > 1000 || o.WorkloadsPerZone > 9_999)
        {
            throw new ArgumentException("at most 1000 zones (ids gx-z000..gx-z999) and 9,999 workloads per zone (ids ...-w0000..-w9998)");
        }

        return o;
    }
}
