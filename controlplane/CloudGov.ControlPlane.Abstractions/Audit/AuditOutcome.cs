namespace CloudGov.ControlPlane.Abstractions.Audit;

/// <summary>
/// What became of a recorded decision: applied (optionally with facts only its outcome could tell, such as the zone a
/// placement chose, recorded as a <see cref="AuditAction.DecisionApplied"/> entry) or not applied, with the reason.
/// </summary>
public sealed record AuditOutcome(string? NotAppliedReason, ImmutableSortedDictionary<string, string> AppliedDetail)
{
    /// <summary>It took effect as recorded.</summary>
    public static AuditOutcome Applied() => new(null, ImmutableSortedDictionary<string, string>.Empty);

    /// <summary>It took effect; <paramref name="detail"/> adds what the outcome decided.</summary>
    public static AuditOutcome Applied(params (string Key, string Value)[] detail) =>
        new(null, detail.ToImmutableSortedDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal));

    /// <summary>It was refused or failed: nothing changed.</summary>
    public static AuditOutcome NotApplied(string reason) => new(reason, ImmutableSortedDictionary<string, string>.Empty);
}
