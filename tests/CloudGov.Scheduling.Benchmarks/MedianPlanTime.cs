using System.Diagnostics;
using CloudGov.Scheduling.Rebalancing;

namespace CloudGov.Scheduling.Benchmarks;

/// <summary>How long a strategy takes to plan one instance: the median of repeated runs after one warm-up run.</summary>
internal static class MedianPlanTime
{
    public static (RebalancePlan Plan, double Milliseconds) Measure(IRebalanceStrategy strategy, RebalanceRequest request, int repeat)
    {
        RebalancePlan plan = strategy.Plan(request);
        var times = new List<double>(repeat);
        for (int i = 0; i < repeat; i++)
        {
            GC.Collect();
            var sw = Stopwatch.StartNew();
            plan = strategy.Plan(request);
            times.Add(sw.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return (plan, times.Count == 0 ? double.NaN : times[times.Count / 2]);
    }
}
