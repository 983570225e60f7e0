using CloudGov.Domain;

namespace CloudGov.Baselines.Evaluation;

/// <summary>A zone's compliance at one MLPS level.</summary>
/// <param name="Level">The level.</param>
/// <param name="Fit">True when no enforced, unwaived zone rule of this level is violated.</param>
/// <param name="Score">Share of the level's applicable zone rules passed, 0-100.</param>
/// <param name="BlockingRules">The enforced, unwaived rules that make it unfit, ordered by id.</param>
/// <param name="Violated">Every violated rule of this level (waived or audit-only included).</param>
public sealed record LevelVerdict(MlpsLevel Level, bool Fit, double Score, IReadOnlyList<string> BlockingRules, int Violated);
