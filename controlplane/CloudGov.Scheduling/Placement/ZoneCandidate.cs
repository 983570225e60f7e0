using CloudGov.Scheduling.Scores;

namespace CloudGov.Scheduling.Placement;

/// <summary>An eligible zone with its total score and the scores that made it.</summary>
public sealed record ZoneCandidate(string ZoneId, double TotalScore, IReadOnlyList<ScoreBreakdown> Scores);
