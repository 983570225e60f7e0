using CloudGov.Scheduling.Filters;

namespace CloudGov.Scheduling.Scores;

/// <summary>Prefers the zone left fullest (bin packing): the zone's dominant utilization after adding the workload.</summary>
public sealed class PackingScore : IPlacementScore
{
    /// <summary>The score's name.</summary>
    public const string ScoreName = "packing";

    /// <inheritdoc />
    public string Name => ScoreName;

    /// <inheritdoc />
    public double Evaluate(in FilterContext context) => Math.Clamp(BalanceScore.DominantAfter(context), 0.0, 1.0);
}
