using CloudGov.Baselines.Model;

namespace CloudGov.Baselines.Evaluation;

/// <summary>Runs a pack over facts. Pure; safe to share between threads.</summary>
public sealed class BaselineEvaluator(BaselinePack pack)
{
    /// <summary>The pack in force.</summary>
    public BaselinePack Pack { get; } = pack ?? throw new ArgumentNullException(nameof(pack));

    /// <summary>Every zone rule over <paramref name="zone"/>.</summary>
    public ZoneEvaluation EvaluateZone(ZoneFacts zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var violations = new List<Violation>();
        var applicable = new int[4];
        var passed = new int[4];
        foreach (var rule in Pack.ZoneRules)
        {
            var verdict = rule.Evaluate(zone, null);
            if (verdict.Outcome == Outcome.NotApplicable)
            {
                continue;
            }

            var levels = rule.Descriptor.Levels.Bits;
            for (int i = 0; i < 4; i++)
            {
                if ((levels & (1 << i)) != 0)
                {
                    applicable[i]++;
                    passed[i] += verdict.Violated ? 0 : 1;
                }
            }

            if (verdict.Violated)
            {
                violations.Add(new Violation(rule.Descriptor, verdict));
            }
        }

        return new ZoneEvaluation(zone.ZoneId, violations, applicable, passed);
    }

    /// <summary>Every workload rule over <paramref name="workload"/> in <paramref name="zone"/> (null when it runs nowhere).</summary>
    public IReadOnlyList<Violation> EvaluateWorkload(ZoneFacts? zone, WorkloadFacts workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        List<Violation>? violations = null;
        foreach (var rule in Pack.WorkloadRules)
        {
            if (!rule.Descriptor.Levels.Contains(workload.MlpsLevel) && workload.MlpsLevel != CloudGov.Domain.MlpsLevel.Unspecified)
            {
                continue;
            }

            var verdict = rule.Evaluate(zone, workload);
            if (verdict.Violated)
            {
                (violations ??= []).Add(new Violation(rule.Descriptor, verdict));
            }
        }

        return violations ?? (IReadOnlyList<Violation>)[];
    }

    /// <summary>One rule over one pair (e.g. the access-control check after a move); null when the pack has no such rule.</summary>
    public RuleVerdict? Evaluate(string ruleId, ZoneFacts? zone, WorkloadFacts? workload) => Pack.Find(ruleId)?.Evaluate(zone, workload);
}
