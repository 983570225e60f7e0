using CloudGov.Domain;
using CloudGov.Scheduling.Filters;

namespace CloudGov.Scheduling.Scores;

/// <summary>Prefers the zone left emptiest: 1 − the zone's dominant utilization after adding the workload.</summary>
public sealed class BalanceScore : IPlacementScore
{
    /// <summary>The score's name.</summary>
    public const string ScoreName = "balance";

    /// <inheritdoc />
    public string Name => ScoreName;

    /// <inheritdoc />
    public double Evaluate(in FilterContext context) =>
        Math.Clamp(1.0 - DominantAfter(context), 0.0, 1.0);

    internal static double DominantAfter(in FilterContext context)
    {
        ResourceVector after = context.Cluster.LoadOf(context.ZoneIndex) + context.Workload.Requests;
        double u = after.DominantRatioOf(context.Zone.Allocatable);
        return double.IsFinite(u) ? u : 1.0;
    }
}
