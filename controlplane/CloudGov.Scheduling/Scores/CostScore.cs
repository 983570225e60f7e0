using CloudGov.Scheduling.Filters;

namespace CloudGov.Scheduling.Scores;

/// <summary>Prefers cheaper zones: <c>min(1, 1 / UnitCost)</c>, so reference-priced or cheaper zones score 1.</summary>
public sealed class CostScore : IPlacementScore
{
    /// <summary>The score's name.</summary>
    public const string ScoreName = "cost";

    /// <inheritdoc />
    public string Name => ScoreName;

    /// <inheritdoc />
    public double Evaluate(in FilterContext context) => Math.Min(1.0, 1.0 / context.Zone.UnitCost);
}
