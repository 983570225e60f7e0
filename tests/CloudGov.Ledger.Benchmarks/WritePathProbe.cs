using System.Diagnostics;
using CloudGov.Proto.Operations.V1;
using Grpc.Net.Client;
using Microsoft.Data.Sqlite;

namespace CloudGov.Ledger.Benchmarks;

/// <summary>
/// What one intent write costs at this size: the stored state sizes (each ledger write stores its whole shard) and the
/// latency of SetWorkloadIntent on one workload, against a dry run of the same call (which reads and checks, writes nothing).
/// </summary>
internal static class WritePathProbe
{
    public static async Task RunAsync(BenchHost host, GrpcChannel channel, int rounds, List<string> summary)
    {
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = host.SqlitePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT state_name, COUNT(*), AVG(length(payload)), MAX(length(payload)), SUM(length(payload)) FROM grain_state GROUP BY state_name ORDER BY 5 DESC;";
            using var reader = command.ExecuteReader();
            var parts = new List<string>();
            while (reader.Read())
            {
                parts.Add($"{reader.GetString(0)}: {reader.GetInt64(1)} rows, avg {reader.GetDouble(2) / 1024:F0} KiB, max {reader.GetInt64(3) / 1024:N0} KiB, total {reader.GetInt64(4) / 1048576.0:F1} MiB");
            }

            string line = $"stored grain state: {string.Join("; ", parts)}";
            Console.WriteLine(line);
            summary.Add(line);
        }

        var ops = new OperationsService.OperationsServiceClient(channel);
        var dry = new List<double>();
        var wet = new List<double>();
        for (int r = 0; r <= rounds; r++)
        {
            foreach (bool dryRun in new[] { true, false })
            {
                var request = new SetWorkloadIntentRequest
                {
                    Selector = new WorkloadSelector { WorkloadIds = { CloudInstance.WorkloadId(1 + r, 2) } },
                    Patch = new IntentPatch { Priority = 10 + r },
                    DryRun = dryRun,
                    Reason = "write-path probe",
                };
                var sw = Stopwatch.StartNew();
                await ops.SetWorkloadIntentAsync(request);
                if (r > 0)
                {
                    (dryRun ? dry : wet).Add(sw.Elapsed.TotalMilliseconds);
                }
            }
        }

        dry.Sort();
        wet.Sort();
        string latency = $"SetWorkloadIntent on 1 workload: median {wet[wet.Count / 2]:F0} ms (dry run of the same call {dry[dry.Count / 2]:F0} ms): "
            + "each applied intent write stores its shard's whole state (above), fsync'ed; placements and every move's start and end do the same";
        Console.WriteLine(latency);
        summary.Add(latency);
    }
}
