using CloudGov.Scheduling.Filters;

namespace CloudGov.Scheduling.Scores;

/// <summary>
/// Prefers short migrations: 1 when the destination is in the source zone's city (same first 4 region digits),
/// 0.5 in the same province, 0 elsewhere. Neutral (0 for every zone) for new placements.
/// </summary>
public sealed class StabilityScore : IPlacementScore
{
    /// <summary>The score's name.</summary>
    public const string ScoreName = "stability";

    /// <inheritdoc />
    public string Name => ScoreName;

    /// <inheritdoc />
    public double Evaluate(in FilterContext context)
    {
        if (context.SourceZone is not { } source)
        {
            return 0;
        }

        string a = source.RegionCode;
        string b = context.Zone.RegionCode;
        if (string.CompareOrdinal(a, 0, b, 0, 4) == 0)
        {
            return 1.0;
        }

        return string.CompareOrdinal(a, 0, b, 0, 2) == 0 ? 0.5 : 0.0;
    }
}
