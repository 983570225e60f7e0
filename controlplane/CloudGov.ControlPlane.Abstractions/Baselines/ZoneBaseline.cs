namespace CloudGov.ControlPlane.Abstractions.Baselines;

/// <summary>A zone's last baseline evaluation (zone rules over its posture): what it violates and its score per level.</summary>
/// <param name="Violations">The zone rules it violates, ordered by rule id.</param>
/// <param name="LevelScores">Per MLPS level 1-4 (index 0-3), the share of the level's applicable zone rules passed, 0-100.</param>
/// <param name="EvaluatedAt">When it was evaluated (the control plane's clock).</param>
[GenerateSerializer, Immutable, Alias("cloudgov.ZoneBaseline")]
public sealed record ZoneBaseline(
    [property: Id(0)] ImmutableArray<BaselineViolation> Violations,
    [property: Id(1)] ImmutableArray<double> LevelScores,
    [property: Id(2)] DateTimeOffset EvaluatedAt)
{
    /// <summary>True when both name the same violations with the same evidence (the time aside).</summary>
    public bool SameVerdict(ZoneBaseline? other) =>
        other is not null && Violations.Length == other.Violations.Length
        && Violations.Zip(other.Violations).All(p => p.First.RuleId == p.Second.RuleId && p.First.Evidence.SequenceEqual(p.Second.Evidence) && p.First.Enforced == p.Second.Enforced)
        && LevelScores.SequenceEqual(other.LevelScores);
}
