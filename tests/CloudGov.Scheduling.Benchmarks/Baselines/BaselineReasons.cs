using CloudGov.Scheduling.Rebalancing;

namespace CloudGov.Scheduling.Benchmarks.Baselines;

/// <summary>Reasons the baselines attach to their moves.</summary>
internal static class BaselineReasons
{
    public static Reason Of(string strategy, string what) => new($"BASELINE_{strategy.ToUpperInvariant().Replace('-', '_')}", what, what);
}
