namespace CloudGov.Scheduling.Scores;

/// <summary>One score's contribution to a zone's total.</summary>
/// <param name="Score">The score's name.</param>
/// <param name="Value">The raw value in [0, 1].</param>
/// <param name="Weight">The configured weight.</param>
public sealed record ScoreBreakdown(string Score, double Value, double Weight)
{
    /// <summary>Value × weight.</summary>
    public double Weighted => Value * Weight;
}
