using CloudGov.Baselines.Model;
using CloudGov.Domain;

namespace CloudGov.Baselines.Evaluation;

/// <summary>What the zone rules decided about one zone: the violations and, per level, how many rules applied and passed.</summary>
public sealed class ZoneEvaluation
{
    private readonly int[] _applicable;
    private readonly int[] _passed;

    internal ZoneEvaluation(string zoneId, IReadOnlyList<Violation> violations, int[] applicable, int[] passed)
    {
        ZoneId = zoneId;
        Violations = violations;
        _applicable = applicable;
        _passed = passed;
    }

    /// <summary>The zone.</summary>
    public string ZoneId { get; }

    /// <summary>The rules it violates, ordered by rule id.</summary>
    public IReadOnlyList<Violation> Violations { get; }

    /// <summary>
    /// The compliance at <paramref name="level"/>: unfit when an enforced rule for that level is violated and
    /// <paramref name="waived"/> (rule id → waived?) does not waive it.
    /// </summary>
    public LevelVerdict At(MlpsLevel level, Func<string, bool>? waived = null)
    {
        int i = (int)level - 1;
        if (i is < 0 or > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "MLPS levels are 1-4");
        }

        var blocking = new List<string>();
        int violated = 0;
        foreach (var v in Violations)
        {
            if (!v.Rule.Levels.Contains(level))
            {
                continue;
            }

            violated++;
            if (v.Rule.Enforced && !(waived?.Invoke(v.RuleId) ?? false))
            {
                blocking.Add(v.RuleId);
            }
        }

        double score = _applicable[i] == 0 ? 100 : Math.Round(100.0 * _passed[i] / _applicable[i], 1);
        return new LevelVerdict(level, blocking.Count == 0, score, blocking, violated);
    }

    /// <summary>The violated enforced rule with the quarantine action not waived, or null (the first by id).</summary>
    public Violation? Quarantining(Func<string, bool>? waived = null) =>
        Violations.FirstOrDefault(v => v.Rule.Enforced && v.Rule.Action == RuleAction.Quarantine && !(waived?.Invoke(v.RuleId) ?? false));
}
