using CloudGov.Domain;
using CloudGov.Scheduling.Benchmarks.Reference;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Rebalancing;

namespace CloudGov.Scheduling.Benchmarks;

/// <summary>Per-zone view of a plan against the per-zone bound, for tuning (<c>--diagnose</c>).</summary>
internal static class Diagnose
{
    public static void Print(CloudSnapshot s, RebalancePlan plan, IReadOnlyDictionary<string, int> zoneBounds)
    {
        var from = plan.Moves.GroupBy(m => m.FromZoneId).ToDictionary(g => g.Key, g => g.Count());
        var to = plan.Moves.GroupBy(m => m.ToZoneId).ToDictionary(g => g.Key, g => g.Count());
        foreach (ZoneUtilization z in plan.Zones)
        {
            if (!z.HotBefore && !from.ContainsKey(z.ZoneId))
            {
                continue;
            }

            Console.WriteLine($"  {z.ZoneId}: target {z.Target:P0} before [{z.Before}] after [{z.After}] out {from.GetValueOrDefault(z.ZoneId)} in {to.GetValueOrDefault(z.ZoneId)} bound {zoneBounds.GetValueOrDefault(z.ZoneId)}");
            if (z.HotBefore && from.GetValueOrDefault(z.ZoneId) > 2 * Math.Max(1, zoneBounds.GetValueOrDefault(z.ZoneId)))
            {
                foreach (Move m in plan.Moves.Where(m => m.FromZoneId == z.ZoneId || m.ToZoneId == z.ZoneId))
                {
                    WorkloadSnapshot w = s.Workloads[s.IndexOfWorkload(m.WorkloadId)];
                    Console.WriteLine($"    {m.FromZoneId} -> {m.ToZoneId}: {m.WorkloadId} {m.Requests} {m.Reason.Code} regions [{string.Join(",", w.AllowedRegions)}] {w.RequiredLevel}");
                }
            }
        }
    }

    /// <summary>What a second run on the first plan's result proposes (it should propose nothing).</summary>
    public static void PrintSecondRun(CloudSnapshot after, RebalancePlan second)
    {
        var zones = second.Zones.ToDictionary(z => z.ZoneId);
        Console.WriteLine($"  second run: {second.Moves.Count} moves, hot {second.HotZonesBefore} -> {second.HotZonesAfter}");
        foreach (Move m in second.Moves)
        {
            ZoneUtilization f = zones[m.FromZoneId];
            ZoneUtilization t = zones[m.ToZoneId];
            Console.WriteLine($"    {m.WorkloadId} {m.Reason.Code}: {m.FromZoneId} [{f.Before}] -> [{f.After}] target {f.Target:P0}; {m.ToZoneId} [{t.Before}] -> [{t.After}] target {t.Target:P0}; {m.Reason.English}");
        }
    }

    /// <summary>A small instance where CloudGov needs more moves than the optimum: both plans, zone by zone.</summary>
    public static void PrintGap(CloudSnapshot s, InstanceFamily family, int seed, RebalancePlan plan, CpSatReference.Result optimum)
    {
        Console.Error.WriteLine($"  gap {family} seed {seed}: CloudGov {plan.Moves.Count} moves (hot after {plan.HotZonesAfter}), optimum {optimum.Objective} (hot {optimum.HotZones})");
        foreach (ZoneUtilization z in plan.Zones)
        {
            ZoneSnapshot zone = s.Zones[s.IndexOfZone(z.ZoneId)];
            Console.Error.WriteLine($"    zone {z.ZoneId} level {zone.MlpsLevel} plane {zone.NetworkPlane} region {zone.RegionCode} alloc [{zone.Allocatable}] target {z.Target:P0} before [{z.Before}] after [{z.After}]");
        }

        foreach (Move m in plan.Moves)
        {
            Console.Error.WriteLine($"    cloudgov {m.FromZoneId} -> {m.ToZoneId}: {m.WorkloadId} {m.Requests} {m.Reason.Code}");
        }

        foreach (string m in optimum.MovedFrom)
        {
            Console.Error.WriteLine($"    optimum  {m}");
        }
    }
}
