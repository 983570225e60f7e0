using CloudGov.Baselines.Evaluation;
using CloudGov.Baselines.Model;
using CloudGov.ControlPlane.Abstractions.Baselines;

namespace CloudGov.ControlPlane.Grains.Zones;

/// <summary>
/// What the security baseline does to a zone's state, as pure functions: the zone rules over its posture, the quarantine
/// the verdict and the zone's waivers imply (Quarantined while an enforced quarantine rule is violated and not waived; lifted
/// on resolution), and the blocks the scheduler reads per MLPS level.
/// </summary>
internal static class ZoneBaselineEffect
{
    /// <summary>The zone rules' verdict on the zone's posture.</summary>
    public static ZoneBaseline Evaluate(BaselineEvaluator evaluator, string zoneId, ZoneDescriptor descriptor, ImmutableArray<PostureFact> posture, bool connected, DateTimeOffset now)
    {
        var facts = new Dictionary<string, string>(posture.IsDefault ? 0 : posture.Length, StringComparer.Ordinal);
        foreach (var fact in posture.IsDefault ? [] : posture)
        {
            facts[fact.Key] = fact.Value;
        }

        var zone = new CloudGov.Baselines.Model.ZoneFacts(zoneId, descriptor.MlpsLevel, descriptor.RegionCode, descriptor.Provider, facts, connected ? "mtls-verified" : "disconnected");
        return ToRecord(evaluator.EvaluateZone(zone), now);
    }

    /// <summary>An evaluation as stored.</summary>
    public static ZoneBaseline ToRecord(ZoneEvaluation evaluation, DateTimeOffset now) => new(
        [.. evaluation.Violations.Select(ToRecord)],
        [.. Enumerable.Range(1, 4).Select(l => evaluation.At((MlpsLevel)l).Score)],
        now);

    /// <summary>A violation as stored.</summary>
    public static BaselineViolation ToRecord(Violation v) => new(
        v.RuleId,
        v.Rule.Levels.Bits,
        v.Rule.Enforced,
        (int)v.Rule.Action,
        (int)v.Rule.Severity,
        [.. v.Verdict.Evidence.Select(e => new BaselineEvidence(e.Key, WireText.Excerpt(e.Observed, 256), e.Expected))],
        v.Verdict.Message);

    /// <summary>
    /// <paramref name="state"/> with <paramref name="baseline"/> and the quarantine it implies at <paramref name="now"/>: an
    /// enforced, unwaived quarantine rule makes the zone Quarantined (an operator's Draining stands); a zone the baseline had
    /// quarantined is lifted to Ready (Degraded when its last report said so) once no such rule holds.
    /// </summary>
    public static ZoneState Apply(ZoneState state, ZoneBaseline? baseline, DateTimeOffset now)
    {
        string? rule = QuarantineRule(baseline, state.BaselineWaivers, now);
        var status = state.Status;
        if (rule is not null && status is not ZoneStatus.Draining)
        {
            status = ZoneStatus.Quarantined;
        }
        else if (rule is null && status == ZoneStatus.Quarantined && state.QuarantineRuleId is not null)
        {
            status = state.LastReport?.Degraded == true ? ZoneStatus.Degraded : ZoneStatus.Ready;
        }

        return state with { Baseline = baseline, QuarantineRuleId = rule, Status = status };
    }

    /// <summary>The violated, enforced, unwaived rule with the quarantine action (first by id), or null.</summary>
    public static string? QuarantineRule(ZoneBaseline? baseline, ImmutableArray<ZoneWaiver> waivers, DateTimeOffset now)
    {
        foreach (var v in baseline?.Violations ?? [])
        {
            if (v.Enforced && v.Action == BaselineViolation.QuarantineAction && WaivedUntil(waivers, v.RuleId, now) is null)
            {
                return v.RuleId;
            }
        }

        return null;
    }

    /// <summary>The enforced violations with the expiry of the waiver in force for each, for the one-cloud index.</summary>
    public static ImmutableArray<BaselineBlock> Blocks(ZoneState state, DateTimeOffset now)
    {
        if (state.Baseline is not { } baseline || baseline.Violations.IsDefaultOrEmpty)
        {
            return [];
        }

        return [.. baseline.Violations.Where(v => v.Enforced).Select(v => new BaselineBlock(v.RuleId, v.Levels, WaivedUntil(state.BaselineWaivers, v.RuleId, now), Evacuates(v, state)))];
    }

    /// <summary>
    /// True when the violation's evacuate action applies: the rule evacuates, and the zone's provider is healthy or did
    /// report the facts that decided it. A degraded zone whose provider reported none of them is blocked and may be
    /// quarantined like any other, but its workloads are not moved on missing data (README, "Absent facts").
    /// </summary>
    public static bool Evacuates(BaselineViolation v, ZoneState state)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(state);
        return v.Action == BaselineViolation.EvacuateAction
            && !(state.LastReport?.Degraded == true && !v.Evidence.IsDefaultOrEmpty && v.Evidence.All(e => e.Observed == Evidence.Absent));
    }

    /// <summary>True when both lists hold the same facts in the same order.</summary>
    public static bool SamePosture(ImmutableArray<PostureFact> a, ImmutableArray<PostureFact> b)
    {
        var x = a.IsDefault ? [] : a;
        var y = b.IsDefault ? [] : b;
        if (x.Length != y.Length)
        {
            return false;
        }

        for (int i = 0; i < x.Length; i++)
        {
            if (!string.Equals(x[i].Key, y[i].Key, StringComparison.Ordinal) || !string.Equals(x[i].Value, y[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static DateTimeOffset? WaivedUntil(ImmutableArray<ZoneWaiver> waivers, string ruleId, DateTimeOffset now)
    {
        DateTimeOffset? until = null;
        foreach (var w in waivers.IsDefault ? [] : waivers)
        {
            if (w.RuleId == ruleId && w.ExpiresAt > now && (until is null || w.ExpiresAt > until))
            {
                until = w.ExpiresAt;
            }
        }

        return until;
    }
}
