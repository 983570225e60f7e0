using System.Diagnostics;
using System.Globalization;
using CloudGov.Scheduling.Benchmarks.Reference;
using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Rebalancing;

namespace CloudGov.Scheduling.Benchmarks;

/// <summary>
/// The per-family benchmark (<c>--families</c>): every family at every size (CloudGov's plan time, moves, zones left
/// over target, violations, second run) against CP-SAT's lexicographic optimum (fewest zones over target, then fewest
/// moves) up to <c>--cpsat-max-workloads</c> and, beyond, the per-zone lower bound of the zones CloudGov cooled; then
/// <c>--small-seeds</c> seeded small instances per family against the CP-SAT optimum.
/// </summary>
internal static class FamilyBenchmark
{
    public static void Run(BenchmarkOptions options, CloudGovRebalanceStrategy cloudgov, FilterPipeline filters, CloudGovRebalanceOptions rebalanceOptions, DateTimeOffset now)
    {
        int workers = Math.Max(1, Environment.ProcessorCount);
        Console.WriteLine($"## Per family and size (load average at start: {LoadAverage.Text()})");
        Console.WriteLine();
        Console.WriteLine("| family | size (W×Z) | hot before | CloudGov moves | hot after | reference: hot after, moves | moves ÷ reference | violations | second run | plan time | CPU time |");
        Console.WriteLine("|---|---|---:|---:|---:|---|---:|---:|---:|---:|---:|");
        var exponents = new List<string>();
        foreach (InstanceFamily family in options.Families)
        {
            var timings = new List<(double W, double Ms)>();
            var allocations = new List<(double W, double Ms)>();
            var cpuTimes = new List<(double W, double Ms)>();
            CloudSnapshot[] snapshots = [.. options.Sizes.Select(size => InstanceGenerator.Generate(size.Workloads, size.Zones, options.Seed, family))];
            var measured = MedianPlanTime.MeasureInterleaved(cloudgov, [.. snapshots.Select(s => new RebalanceRequest(s, now))], options.Repeat);
            for (int size = 0; size < snapshots.Length; size++)
            {
                var (w, z) = options.Sizes[size];
                CloudSnapshot snapshot = snapshots[size];
                var (plan, ms, bytes, cpuMs) = measured[size];
                cpuTimes.Add((snapshot.Workloads.Count, cpuMs));
                timings.Add((snapshot.Workloads.Count, ms));
                allocations.Add((snapshot.Workloads.Count, bytes));
                int violations = PlanValidator.Validate(snapshot, plan.Moves, filters, now, rebalanceOptions.Cooldown).Count;
                RebalancePlan secondPlan = cloudgov.Plan(new RebalanceRequest(snapshot.Apply(plan.Moves, now), now));
                int second = secondPlan.Moves.Count;
                if (options.Diagnose && second > 0)
                {
                    Diagnose.PrintSecondRun(snapshot.Apply(plan.Moves, now), secondPlan);
                }

                string reference;
                string ratio;
                if (options.TimingOnly)
                {
                    reference = "— (--timing-only)";
                    ratio = "—";
                }
                else if (snapshot.Workloads.Count <= options.CpSatMaxWorkloads)
                {
                    CpSatReference.Result cp = CpSatReference.Solve(snapshot, filters, plan.Moves, options.CpSatSeconds, workers, minimizeHotZones: true);
                    reference = cp.Optimal
                        ? $"{cp.HotZones}, {cp.Objective} (CP-SAT optimum, {cp.Seconds:F1} s)"
                        : $"{cp.HotZones?.ToString(CultureInfo.InvariantCulture) ?? "?"}, {cp.Objective?.ToString(CultureInfo.InvariantCulture) ?? "?"} (CP-SAT {cp.Status}, {cp.Seconds:F0} s)";
                    ratio = RatioText(plan, cp.HotZones, cp.Objective);
                    if (options.Diagnose && (cp.Objective < plan.Moves.Count || cp.HotZones < plan.HotZonesAfter))
                    {
                        Diagnose.PrintGap(snapshot, family, options.Seed, plan, cp);
                    }
                }
                else
                {
                    MoveLowerBound.Result lb = MoveLowerBound.Compute(snapshot, filters, options.BoundSeconds);
                    int perZone = plan.Zones.Where(u => u.HotBefore && !u.HotAfter).Sum(u => lb.ZoneBounds.GetValueOrDefault(u.ZoneId));
                    var cooled = plan.Zones.Where(u => u.HotBefore && !u.HotAfter).Select(u => u.ZoneId).ToHashSet(StringComparer.Ordinal);
                    var coolAfter = plan.Zones.Where(u => !u.HotAfter).Select(u => u.ZoneId).ToHashSet(StringComparer.Ordinal);
                    int bound = CityGroupBound.Compute(snapshot, filters, coolAfter, lb.ZoneBounds, cooled, options.BoundSeconds);
                    int minHot = lb.Uncoolable.Count;
                    if (options.Diagnose)
                    {
                        Diagnose.Print(snapshot, plan, lb.ZoneBounds);
                    }
                    reference = $"≥ {minHot}, ≥ {bound} (bounds: uncoolable zones; moves to cool the zones CloudGov cooled, city groups; per-zone alone {perZone})";
                    ratio = bound == 0 ? (plan.Moves.Count == 0 ? "1.000" : "—") : ((double)plan.Moves.Count / bound).ToString("F3", CultureInfo.InvariantCulture);
                }

                Console.WriteLine($"| {family} | {w:N0}×{z} | {plan.HotZonesBefore} | {plan.Moves.Count} | {plan.HotZonesAfter} | {reference} | {ratio} | {violations} | {second} | {ms:F1} ms | {cpuMs:F1} ms |");
                Console.Error.WriteLine($"done {family} {w}x{z} (load {LoadAverage.Text()})");
            }

            if (timings.Count >= 2)
            {
                exponents.Add($"| {family} | {Exponent(timings):F3} | {timings[^1].Ms:F1} ms | {Exponent(cpuTimes):F3} | {cpuTimes[^1].Ms:F1} ms | {Exponent(allocations):F3} | {allocations[^1].Ms / (1 << 20):F1} MiB | {LoadAverage.Text()} |");
            }
        }

        Console.WriteLine();
        Console.WriteLine("| family | plan-time growth exponent (target ≤ 1.15) | largest size | CPU-time growth exponent | CPU time at largest size | allocation growth exponent | allocated at largest size | load average after the family (1/5/15 min) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---|");
        exponents.ForEach(Console.WriteLine);
        if (options.SmallSeeds > 0 && !options.TimingOnly)
        {
            SmallInstances(options, cloudgov, filters, rebalanceOptions, now, workers);
        }
    }

    private static void SmallInstances(BenchmarkOptions options, CloudGovRebalanceStrategy cloudgov, FilterPipeline filters, CloudGovRebalanceOptions rebalanceOptions, DateTimeOffset now, int workers)
    {
        Console.WriteLine();
        Console.WriteLine($"## Small instances ({options.SmallSeeds} seeds per family, sizes {string.Join(", ", options.SmallSizes.Select(s => $"{s.Workloads}×{s.Zones}"))})");
        Console.WriteLine();
        Console.WriteLine("| family | instances | proven | violations | second run not empty | more hot than optimum | moves ≤ 1.05 × optimum (at equal hot) | mean moves ÷ optimum | worst |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (InstanceFamily family in options.Families)
        {
            int n = 0, proven = 0, violations = 0, notEmpty = 0, moreHot = 0, within = 0;
            double sumRatio = 0, worst = 0;
            for (int seed = 1; seed <= options.SmallSeeds; seed++)
            {
                foreach (var (w, z) in options.SmallSizes)
                {
                    CloudSnapshot snapshot = InstanceGenerator.Generate(w, z, (options.Seed * 1_000) + seed, family);
                    RebalancePlan plan = cloudgov.Plan(new RebalanceRequest(snapshot, now));
                    n++;
                    violations += PlanValidator.Validate(snapshot, plan.Moves, filters, now, rebalanceOptions.Cooldown).Count > 0 ? 1 : 0;
                    notEmpty += cloudgov.Plan(new RebalanceRequest(snapshot.Apply(plan.Moves, now), now)).Moves.Count > 0 ? 1 : 0;
                    CpSatReference.Result cp = CpSatReference.Solve(snapshot, filters, plan.Moves, options.CpSatSeconds, workers, minimizeHotZones: true);
                    if (!cp.Optimal)
                    {
                        continue;
                    }

                    proven++;
                    if (plan.HotZonesAfter > cp.HotZones)
                    {
                        moreHot++;
                        if (options.Diagnose)
                        {
                            Console.Error.WriteLine($"  {family} seed {seed} {w}x{z}: hot {plan.HotZonesAfter} vs optimum {cp.HotZones}");
                        }

                        continue;
                    }

                    double r = cp.Objective == 0 ? (plan.Moves.Count == 0 ? 1 : plan.Moves.Count + 1) : (double)plan.Moves.Count / cp.Objective!.Value;
                    sumRatio += r;
                    worst = Math.Max(worst, r);
                    within += r <= 1.05 + 1e-9 ? 1 : 0;
                    if (options.Diagnose && r > 1.05 + 1e-9)
                    {
                        Diagnose.PrintGap(snapshot, family, seed, plan, cp);
                    }
                }
            }

            int compared = proven - moreHot;
            string share = compared == 0 ? "—" : $"{within} of {compared} ({(double)within / compared:P0})";
            string mean = compared == 0 ? "—" : (sumRatio / compared).ToString("F3", CultureInfo.InvariantCulture);
            Console.WriteLine($"| {family} | {n} | {proven} | {violations} | {notEmpty} | {moreHot} | {share} | {mean} | {worst:F3} |");
            Console.Error.WriteLine($"done small {family}");
        }
    }

    private static string RatioText(RebalancePlan plan, long? hot, long? moves)
    {
        if (hot is null || moves is null)
        {
            return "—";
        }

        string text = moves == 0 ? (plan.Moves.Count == 0 ? "1.000" : "∞") : ((double)plan.Moves.Count / moves.Value).ToString("F3", CultureInfo.InvariantCulture);
        return plan.HotZonesAfter > hot ? $"{text} (more hot)" : text;
    }

    private static double Exponent(List<(double W, double Ms)> points)
    {
        double n = points.Count, sx = 0, sy = 0, sxx = 0, sxy = 0;
        foreach (var (w, ms) in points)
        {
            double x = Math.Log(w), y = Math.Log(Math.Max(ms, 1e-3));
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }

        return ((n * sxy) - (sx * sy)) / ((n * sxx) - (sx * sx));
    }
}
