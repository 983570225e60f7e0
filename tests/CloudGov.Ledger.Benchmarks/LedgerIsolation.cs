using CloudGov.ControlPlane.Abstractions.Ledger;
using CloudGov.ControlPlane.Abstractions.Zones;
using CloudGov.ControlPlane.Grains.Ledger;
using CloudGov.ControlPlane.Grpc;
using CloudGov.Domain;
using CloudGov.Proto.Agent.V1;
using Google.Protobuf;

namespace CloudGov.Ledger.Benchmarks;

/// <summary>
/// The managed heap of the two per-workload structures alone, without a host: each zone's last report as the zone
/// grain holds it (parsed from bytes, validated by the gateway's validator, labels kept), then 64 <see cref="LedgerBook"/>s
/// fed the full syncs the zone grains would send, so every workload is adopted managed by its labels.
/// </summary>
internal static class LedgerIsolation
{
    public static async Task RunAsync(CloudInstance cloud, List<string> summary)
    {
        int n = cloud.Zones * cloud.WorkloadsPerZone;
        var r0 = await MemoryProbe.ReadAsync();
        var now = DateTimeOffset.UtcNow;
        var reports = new ZoneReportData[cloud.Zones];
        for (int z = 0; z < cloud.Zones; z++)
        {
            var parsed = ZoneReport.Parser.ParseFrom(cloud.Report(z, 1, cloud.WorkloadsPerZone).ToByteArray());
            var data = AgentMessageValidator.ValidateReport(parsed, now);
            reports[z] = data with { Workloads = [.. data.Workloads.Select((o, k) => o with { Labels = WorkloadSpec.SortLabels(parsed.Workloads[k].Labels) })] };
        }

        var r1 = await MemoryProbe.ReadAsync();
        var books = Enumerable.Range(0, LedgerShards.Count).Select(s => new LedgerBook(s, new LedgerShardState(), historyKept: 20)).ToArray();
        for (int z = 0; z < cloud.Zones; z++)
        {
            var hello = CloudInstance.Hello(z);
            var facts = new ZoneFacts(hello.ZoneId, (MlpsLevel)(int)hello.Zone.MlpsLevel, hello.Zone.RegionCode, (NetworkPlane)(int)hello.Zone.NetworkPlane);
            var byShard = reports[z].Workloads.GroupBy(w => LedgerShards.Of(w.WorkloadId)).ToDictionary(g => g.Key, g => g.ToImmutableArray());
            for (int s = 0; s < LedgerShards.Count; s++)
            {
                books[s].Apply(new ZoneSync(hello.ZoneId, facts, 1, now, true, byShard.GetValueOrDefault(s, []), [], [], []), now);
            }
        }

        var r2 = await MemoryProbe.ReadAsync();
        GC.KeepAlive(reports);
        reports = null!;
        var r3 = await MemoryProbe.ReadAsync();

        // Walked after the last reading: the walk's own set of seen objects is tens of MiB.
        var states = books.SelectMany(b => b.Records.Values).GroupBy(r => r.State).ToDictionary(g => g.Key, g => g.Count());
        var walk = new HeapBreakdown();
        foreach (var record in books.SelectMany(b => b.Records.Values))
        {
            walk.Record(record);
        }
        double reportPer = (r1.Managed - r0.Managed) / (double)n;
        double ledgerPer = (r2.Managed - r1.Managed) / (double)n;
        double ledgerAlone = (r3.Managed - r0.Managed) / (double)n;
        Console.WriteLine($"  records: {books.Sum(b => b.Records.Count):N0} ({string.Join(", ", states.Select(s => $"{s.Key} {s.Value:N0}"))})");
        Console.WriteLine($"  zone grains' last reports (200 ZoneReportData, labels kept): {reportPer:F0} B/workload managed");
        Console.WriteLine($"  64 LedgerBooks on top (sharing the reports' id strings): {ledgerPer:F0} B/workload; the books alone once the reports are dropped: {ledgerAlone:F0} B/workload");
        Console.WriteLine($"  walk of the books' records: {walk.Total / (double)n:F0} B/workload");
        foreach (var line in walk.Lines(n))
        {
            Console.WriteLine(line);
        }

        summary.Add($"isolation (no host, labels kept, adopted managed): zone report {reportPer:F0} B + ledger record {ledgerAlone:F0} B = {reportPer + ledgerAlone:F0} B/workload managed heap");
        GC.KeepAlive(books);
    }
}
