using System.Diagnostics;
using CloudGov.ControlPlane.Abstractions.Ledger;
using CloudGov.ControlPlane.Abstractions.Zones;
using CloudGov.ControlPlane.Grains.Ledger;
using CloudGov.ControlPlane.Grains.Plans;
using CloudGov.ControlPlane.Grains.Zones;
using CloudGov.Proto.Operations.V1;
using Google.Protobuf;
using WorkloadRecord = CloudGov.ControlPlane.Abstractions.Ledger.WorkloadRecord;
using ZoneSummary = CloudGov.ControlPlane.Abstractions.Zones.ZoneSummary;
using ProtoUtilization = CloudGov.Proto.Operations.V1.Utilization;
using CloudGov.Scheduling;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Rebalancing;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;

namespace CloudGov.Ledger.Benchmarks;

/// <summary>
/// ProposeRebalance end to end through the operations API (gRPC → rebalancer grain → snapshot reader → scheduler →
/// validator → plan grain → proto), against the same work done here step by step on the same grains: the reads the
/// snapshot reader makes, the mapping, the scheduler and the validator.
/// </summary>
internal static class RebalanceBench
{
    public static async Task RunAsync(BenchHost host, GrpcChannel channel, int rounds, List<string> summary)
    {
        var ops = new OperationsService.OperationsServiceClient(channel);

        // Warm-up: one dry run (JIT of the planner and the mapping at this size); shown, not counted.
        var warm = Stopwatch.StartNew();
        var first = await ops.ProposeRebalanceAsync(new ProposeRebalanceRequest { DryRun = true });
        Console.WriteLine($"  warm-up dry run: {warm.Elapsed.TotalSeconds:F2} s end to end, compute_seconds {first.ComputeSeconds:F2}, {first.Plan?.Moves.Count ?? 0} moves{Skipped(first)}");
        PrintPlan(first);

        foreach (bool dryRun in new[] { false, true })
        {
            var times = new List<double>();
            var computes = new List<double>();
            ProposeRebalanceResponse? last = null;
            for (int r = 1; r <= rounds; r++)
            {
                var sw = Stopwatch.StartNew();
                last = await ops.ProposeRebalanceAsync(new ProposeRebalanceRequest { DryRun = dryRun });
                sw.Stop();
                times.Add(sw.Elapsed.TotalSeconds);
                computes.Add(last.ComputeSeconds);
                Console.WriteLine($"  ProposeRebalance dry_run={Lower(dryRun)} run {r}: {sw.Elapsed.TotalSeconds:F2} s end to end, compute_seconds {last.ComputeSeconds:F2}, "
                    + $"{last.Plan?.Moves.Count ?? 0} moves, stored {Lower(last.Stored)}{(last.Plan is { PlanId.Length: > 0 } p ? $" ({p.PlanId})" : "")}{Skipped(last)}");
            }

            double median = Median(times);
            string line = $"ProposeRebalance dry_run={Lower(dryRun)}: median {median:F2} s end to end over {rounds} runs (min {times.Min():F2}, max {times.Max():F2}); "
                + $"compute_seconds median {Median(computes):F2}; {last!.Plan?.Moves.Count ?? 0} moves; target <= 2 s {Mark(median <= 2)}";
            Console.WriteLine(line);
            summary.Add(line);
        }

        // The plans the non-dry runs stored: each new one superseded (cancelled) the previous Proposed one.
        var plans = await ops.ListPlansAsync(new ListPlansRequest());
        Console.WriteLine($"  stored plans: {string.Join(", ", plans.Plans.Select(p => $"{p.PlanId} {p.State}"))}");

        await ReferenceAsync(host, rounds, summary);
    }

    /// <summary>The snapshot reader's work and the planner's, step by step, on the same loaded host.</summary>
    private static async Task ReferenceAsync(BenchHost host, int rounds, List<string> summary)
    {
        var services = host.App.Services;
        var grains = host.Grains;
        var zoneOptions = services.GetRequiredService<IOptions<ZoneOptions>>().Value;
        var planOptions = services.GetRequiredService<IOptions<PlanPolicyOptions>>().Value;
        var rebalanceOptions = services.GetRequiredService<IOptions<CloudGovRebalanceOptions>>().Value;
        var scheduler = new Scheduler(services.GetRequiredService<IOptions<SchedulingOptions>>().Value, rebalanceOptions);
        var read = new List<double>();
        var map = new List<double>();
        var plan = new List<double>();
        var validate = new List<double>();
        RebalancePlan? computed = null;
        CloudSnapshot? snapshot = null;
        int skipped = 0;
        for (int r = 0; r <= rounds; r++)
        {
            // What OneCloudSnapshotReader.ReadAsync does: the index, fresh zone summaries and every shard's records, in parallel.
            var sw = Stopwatch.StartNew();
            var now = DateTimeOffset.UtcNow;
            var indexed = await grains.GetGrain<IOneCloudIndexGrain>(0).ListAsync();
            var summariesTask = Task.WhenAll(indexed.Where(z => !z.Capacity.IsZero).Select(z => grains.GetGrain<IZoneGrain>(z.ZoneId).GetSummaryAsync()));
            var shardsTask = Task.WhenAll(LedgerShards.All(grains).Select(s => s.SnapshotAsync()));
            var fresh = (await summariesTask).Where(s => s is not null).ToDictionary(s => s!.ZoneId, s => s!, StringComparer.Ordinal);
            ImmutableArray<ZoneSummary> zones = [.. indexed.Select(z => fresh.GetValueOrDefault(z.ZoneId) ?? z)];
            var records = ImmutableArray.CreateBuilder<WorkloadRecord>();
            foreach (var shard in await shardsTask)
            {
                records.AddRange(shard);
            }

            var all = records.ToImmutable();
            double tRead = sw.Elapsed.TotalSeconds;
            sw.Restart();
            var skippedList = new List<string>();
            snapshot = SnapshotMapper.Map(zones, all, now, zoneOptions.StalenessWindow, planOptions.DefaultTargetUtilization, skippedList);
            skipped = skippedList.Count;
            double tMap = sw.Elapsed.TotalSeconds;
            sw.Restart();
            computed = scheduler.Rebalance(snapshot, now);
            double tPlan = sw.Elapsed.TotalSeconds;
            sw.Restart();
            var violations = PlanValidator.Validate(snapshot, computed.Moves, scheduler.Filters, now, rebalanceOptions.Cooldown);
            double tValidate = sw.Elapsed.TotalSeconds;
            if (violations.Count > 0)
            {
                Console.WriteLine($"  reference plan has {violations.Count} violations, e.g. {violations[0]}");
            }

            if (r == 0)
            {
                continue; // warm-up
            }

            read.Add(tRead);
            map.Add(tMap);
            plan.Add(tPlan);
            validate.Add(tValidate);
        }

        double total = Median(read) + Median(map) + Median(plan) + Median(validate);
        string line = $"reference (same host, same snapshot, step by step, medians of {rounds}): read index+zones+64 shards {Median(read):F3} s, "
            + $"SnapshotMapper.Map {Median(map):F3} s, Scheduler.Rebalance {Median(plan):F3} s, PlanValidator {Median(validate):F3} s = {total:F3} s; "
            + $"{snapshot!.Workloads.Count:N0} workloads ({snapshot.Workloads.Count(w => w.Movable):N0} movable, {skipped} skipped) in {snapshot.Zones.Count} zones; "
            + $"{computed!.Moves.Count:N0} moves, hot zones {computed.HotZonesBefore} -> {computed.HotZonesAfter}, peak {computed.PeakBefore:P1} -> {computed.PeakAfter:P1}";
        Console.WriteLine(line);
        summary.Add(line);
    }

    private static void PrintPlan(ProposeRebalanceResponse response)
    {
        if (response.Plan is not { } plan)
        {
            return;
        }

        static double Dominant(ProtoUtilization? u) => u is null ? 0 : Math.Max(Math.Max(u.Cpu, u.Memory), Math.Max(u.Storage, u.Gpu));
        var hotBefore = plan.Zones.Count(z => Dominant(z.Before) > z.Target + 1e-9);
        var hotAfter = plan.Zones.Count(z => Dominant(z.After) > z.Target + 1e-9);
        var reasons = plan.Moves.GroupBy(m => m.Reason?.Code ?? "?").Select(g => $"{g.Key} {g.Count()}");
        Console.WriteLine($"  plan: zones over target {hotBefore} -> {hotAfter}; moves by reason: {string.Join(", ", reasons)}; notes: {string.Join(" | ", plan.Notes.Take(3).Select(n => n.English))}");
    }

    private static string Skipped(ProposeRebalanceResponse r) => r.SkippedReason.Length > 0 ? $" SKIPPED: {r.SkippedReason}" : "";

    private static string Lower(bool b) => b ? "true" : "false";

    private static string Mark(bool ok) => ok ? "MET" : "MISSED";

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
