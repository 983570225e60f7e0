using System.Diagnostics;
using CloudGov.Scheduling.Rebalancing;

namespace CloudGov.Scheduling.Benchmarks;

/// <summary>
/// How long a strategy takes to plan one instance: the median of <c>repeat</c> samples after a warm-up (at least
/// <see cref="MinWarmupRuns"/> plans and <see cref="MinWarmupMilliseconds"/>), each
/// sample timing a batch of runs long enough (≥ <see cref="MinSampleMilliseconds"/>) that sub-millisecond plans are
/// not measured at the timer's and the scheduler's granularity; and the bytes one plan allocates (independent of load).
/// </summary>
internal static class MedianPlanTime
{
    /// <summary>Shortest batch one sample times.</summary>
    public const double MinSampleMilliseconds = 20;

    /// <summary>Least time spent planning the instance before it is timed.</summary>
    public const double MinWarmupMilliseconds = 300;

    /// <summary>Least number of plans before the instance is timed.</summary>
    public const int MinWarmupRuns = 3;

    public static (RebalancePlan Plan, double Milliseconds) Measure(IRebalanceStrategy strategy, RebalanceRequest request, int repeat)
    {
        var (plan, ms, _, _) = MeasureWithAllocations(strategy, request, repeat);
        return (plan, ms);
    }

    /// <summary>
    /// Also the bytes one plan allocates and the CPU time of the planning thread per plan (median over the samples; see
    /// <see cref="ThreadCpuTime"/>): on a shared machine wall time grows with the load, the thread's CPU time much less
    /// (planning is single-threaded; the workstation, non-concurrent GC collects on that thread and is counted, the
    /// JIT's background threads are not).
    /// </summary>
    public static (RebalancePlan Plan, double Milliseconds, long AllocatedBytes, double CpuMilliseconds) MeasureWithAllocations(IRebalanceStrategy strategy, RebalanceRequest request, int repeat) =>
        MeasureInterleaved(strategy, [request], repeat)[0];

    /// <summary>
    /// As <see cref="MeasureWithAllocations"/> for several instances (a family's sizes), their samples taken in turn —
    /// one sample of each, then the next round — so a minute in which the shared machine runs slower slows every size
    /// alike instead of one, and the growth exponent fitted over them is not bent by it.
    /// </summary>
    public static IReadOnlyList<(RebalancePlan Plan, double Milliseconds, long AllocatedBytes, double CpuMilliseconds)> MeasureInterleaved(IRebalanceStrategy strategy, IReadOnlyList<RebalanceRequest> requests, int repeat)
    {
        using var process = Process.GetCurrentProcess();
        int n = requests.Count;
        var plans = new RebalancePlan[n];
        var allocated = new long[n];
        var batches = new int[n];
        for (int k = 0; k < n; k++)
        {
            (plans[k], allocated[k], batches[k]) = WarmUp(strategy, requests[k]);
        }

        var times = new List<double>[n];
        var cpu = new List<double>[n];
        for (int k = 0; k < n; k++)
        {
            times[k] = new List<double>(repeat);
            cpu[k] = new List<double>(repeat);
        }

        for (int i = 0; i < repeat; i++)
        {
            for (int k = 0; k < n; k++)
            {
                GC.Collect();
                double cpuBefore = ThreadCpuTime.Milliseconds(process);
                var sw = Stopwatch.StartNew();
                for (int b = 0; b < batches[k]; b++)
                {
                    plans[k] = strategy.Plan(requests[k]);
                }

                times[k].Add(sw.Elapsed.TotalMilliseconds / batches[k]);
                cpu[k].Add((ThreadCpuTime.Milliseconds(process) - cpuBefore) / batches[k]);
            }
        }

        var results = new (RebalancePlan, double, long, double)[n];
        for (int k = 0; k < n; k++)
        {
            results[k] = (plans[k], Median(times[k]), allocated[k], Median(cpu[k]));
        }

        return results;
    }

    /// <summary>
    /// Plans the instance until the JIT has had time to replace the first, unoptimized code (tiered compilation promotes
    /// a method after 30 calls and a delay of about 100 ms); returns the last plan, the bytes it allocated and how many
    /// runs one sample batches to last at least <see cref="MinSampleMilliseconds"/>.
    /// </summary>
    private static (RebalancePlan Plan, long Allocated, int Batch) WarmUp(IRebalanceStrategy strategy, RebalanceRequest request)
    {
        RebalancePlan plan;
        long allocated;
        double last;
        var warming = Stopwatch.StartNew();
        int runs = 0;
        do
        {
            var one = Stopwatch.StartNew();
            long before = GC.GetAllocatedBytesForCurrentThread();
            plan = strategy.Plan(request);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            last = one.Elapsed.TotalMilliseconds;
            runs++;
        }
        while (runs < MinWarmupRuns || (warming.Elapsed.TotalMilliseconds < MinWarmupMilliseconds && runs < 10_000));

        return (plan, allocated, (int)Math.Clamp(Math.Ceiling(MinSampleMilliseconds / Math.Max(last, 1e-3)), 1, 10_000));
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        values.Sort();
        return values[values.Count / 2];
    }
}
