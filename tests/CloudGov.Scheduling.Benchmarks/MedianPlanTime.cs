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
    public static (RebalancePlan Plan, double Milliseconds, long AllocatedBytes, double CpuMilliseconds) MeasureWithAllocations(IRebalanceStrategy strategy, RebalanceRequest request, int repeat)
    {
        using var process = Process.GetCurrentProcess();
        RebalancePlan plan;
        long allocated;
        double last;
        var warming = Stopwatch.StartNew();
        int runs = 0;
        do
        {
            // Warm up until the JIT has had time to replace the first, unoptimized code (tiered compilation promotes a
            // method after 30 calls and a delay of about 100 ms): timed from cold, the small sizes of the first
            // family came out several times slower than once warm, which flattened the growth exponent.
            var one = Stopwatch.StartNew();
            long before = GC.GetAllocatedBytesForCurrentThread();
            plan = strategy.Plan(request);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            last = one.Elapsed.TotalMilliseconds;
            runs++;
        }
        while (runs < MinWarmupRuns || (warming.Elapsed.TotalMilliseconds < MinWarmupMilliseconds && runs < 10_000));

        int batch = (int)Math.Clamp(Math.Ceiling(MinSampleMilliseconds / Math.Max(last, 1e-3)), 1, 10_000);
        var times = new List<double>(repeat);
        var cpu = new List<double>(repeat);
        for (int i = 0; i < repeat; i++)
        {
            GC.Collect();
            double cpuBefore = ThreadCpuTime.Milliseconds(process);
            var sw = Stopwatch.StartNew();
            for (int b = 0; b < batch; b++)
            {
                plan = strategy.Plan(request);
            }

            times.Add(sw.Elapsed.TotalMilliseconds / batch);
            cpu.Add((ThreadCpuTime.Milliseconds(process) - cpuBefore) / batch);
        }

        times.Sort();
        cpu.Sort();
        return (plan, times.Count == 0 ? double.NaN : times[times.Count / 2], allocated, cpu.Count == 0 ? double.NaN : cpu[cpu.Count / 2]);
    }
}
