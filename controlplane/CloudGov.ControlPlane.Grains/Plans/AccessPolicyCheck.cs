using CloudGov.Baselines.Model;
using CloudGov.Baselines.Rules;

namespace CloudGov.ControlPlane.Grains.Plans;

/// <summary>
/// The post-move check of baseline rule <see cref="AccessPolicyFollowsMigrationRule"/> (GB/T 22239-2019 8.2.4.2 a): once the
/// target reports a moved workload Running, the access-control policy it reports in force must be the one the workload's
/// intent carries; otherwise the move rolls back (the source copy was never removed). Moves whose intent carries no policy,
/// and workloads of a level the rule does not cover, are not checked.
/// </summary>
public static class AccessPolicyCheck
{
    private static readonly AccessPolicyFollowsMigrationRule Rule = new();

    /// <summary>The rollback reason when the target's policy differs from the intent's, or null when it matches or does not apply.</summary>
    public static string? Mismatch(PlanMove move, ZoneProbe target)
    {
        ArgumentNullException.ThrowIfNull(move);
        ArgumentNullException.ThrowIfNull(target);
        if (move.Spec?.AccessPolicy is not { } wanted)
        {
            return null;
        }

        var observed = target.AccessPolicies?.GetValueOrDefault(move.WorkloadId);
        var facts = new WorkloadFacts(move.WorkloadId, move.Spec.TenantId, move.Spec.MlpsLevel, AccessPolicy: Describe(wanted), ObservedAccessPolicy: observed is null ? null : Describe(observed));
        if (!Rule.Descriptor.Levels.Contains(move.Spec.MlpsLevel))
        {
            return null;
        }

        var verdict = Rule.Evaluate(null, facts);
        return verdict.Violated ? $"{AccessPolicyFollowsMigrationRule.RuleId}: {move.ToZoneId} applies {(observed is null ? "no access-control policy" : $"policy {Describe(observed)}")}, not the workload's {Describe(wanted)}" : null;
    }

    /// <summary>
    /// The violation a move that started rolling back for a mismatch (<paramref name="move"/>, now RollingBack) raises as a
    /// finding against its target zone and workload: the rule, and as evidence the intent's policy and the one
    /// <paramref name="target"/> applied. Null when the move is not rolling back for this rule.
    /// </summary>
    public static Abstractions.Baselines.BaselineViolation? RollbackViolation(string planId, PlanMove move, ZoneProbe? target)
    {
        ArgumentNullException.ThrowIfNull(move);
        if (move.State != MoveState.RollingBack || move.Spec?.AccessPolicy is not { } wanted
            || !move.Message.Contains(AccessPolicyFollowsMigrationRule.RuleId + ":", StringComparison.Ordinal))
        {
            return null;
        }

        var observed = target?.AccessPolicies?.GetValueOrDefault(move.WorkloadId);
        var d = Rule.Descriptor;
        return new Abstractions.Baselines.BaselineViolation(
            d.Id,
            d.Levels.Bits,
            d.Enforced,
            (int)d.Action,
            (int)d.Severity,
            [new(FactKeys.WorkloadObservedAccessPolicy, observed is null ? "absent" : WireText.Excerpt(Describe(observed), 256), WireText.Excerpt(Describe(wanted), 256))],
            WireText.Excerpt($"move {move.Index} of plan {planId} to {move.ToZoneId} {move.Message}", 512));
    }

    /// <summary>A policy as canonical text: its rules in order, "none" when it admits nothing.</summary>
    public static string Describe(AccessPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var rules = AccessPolicy.Canonical(policy.Ingress.IsDefault ? [] : policy.Ingress).Ingress;
        return rules.IsEmpty ? "none" : string.Join(";", rules.Select(r => $"{r.Protocol.ToString().ToLowerInvariant()}/{r.PortFrom}-{r.PortTo}/{r.SourceCidr}"));
    }
}
