using CloudGov.Scheduling.Filters;

namespace CloudGov.Scheduling.Scores;

/// <summary>Weighted scores; a zone's total is the sum of value × weight. Zero-weight scores are skipped.</summary>
public sealed class ScoreSet
{
    private readonly (IPlacementScore Score, double Weight)[] _scores;

    /// <summary>Creates a set from scores and their weights (non-negative).</summary>
    public ScoreSet(IEnumerable<(IPlacementScore Score, double Weight)> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        _scores = [.. scores.Where(s => s.Weight > 0)];
        if (_scores.Any(s => !double.IsFinite(s.Weight)))
        {
            throw new ArgumentException("score weights must be finite", nameof(scores));
        }
    }

    /// <summary>The standard scores weighted by the options.</summary>
    public static ScoreSet CreateDefault(SchedulingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ScoreSet(
        [
            (new BalanceScore(), options.BalanceWeight),
            (new PackingScore(), options.PackingWeight),
            (new CostScore(), options.CostWeight),
            (new StabilityScore(), options.StabilityWeight),
        ]);
    }

    /// <summary>The weighted total for a zone.</summary>
    public double Total(in FilterContext context)
    {
        double total = 0;
        foreach (var (score, weight) in _scores)
        {
            total += weight * score.Evaluate(context);
        }

        return total;
    }

    /// <summary>Each score's contribution for a zone.</summary>
    public IReadOnlyList<ScoreBreakdown> Breakdown(in FilterContext context)
    {
        var result = new ScoreBreakdown[_scores.Length];
        for (int i = 0; i < _scores.Length; i++)
        {
            result[i] = new ScoreBreakdown(_scores[i].Score.Name, _scores[i].Score.Evaluate(context), _scores[i].Weight);
        }

        return result;
    }
}
