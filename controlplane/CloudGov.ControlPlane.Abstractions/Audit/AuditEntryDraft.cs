namespace CloudGov.ControlPlane.Abstractions.Audit;

/// <summary>
/// A decision to record, before the trail gives it its place: who, what (action, target ids, a small structured
/// detail) and why. Over-long values are cut to <see cref="AuditLimits"/> (marked with "…") when appended.
/// </summary>
/// <param name="Actor">Who decided.</param>
/// <param name="Action">What was decided.</param>
/// <param name="Targets">The ids the decision is about (plan id, workload ids, tenant id), most specific first.</param>
/// <param name="Detail">Structured facts about the decision (e.g. <c>zone_id</c>, <c>move_count</c>), keys in snake_case.</param>
/// <param name="Reason">Why, in the decider's words (the request's reason or justification).</param>
[GenerateSerializer, Immutable, Alias("cloudgov.AuditEntryDraft")]
public sealed record AuditEntryDraft(
    [property: Id(0)] AuditActor Actor,
    [property: Id(1)] AuditAction Action,
    [property: Id(2)] ImmutableArray<string> Targets,
    [property: Id(3)] ImmutableSortedDictionary<string, string> Detail,
    [property: Id(4)] string Reason)
{
    /// <summary>A draft from loose parts: <c>AuditEntryDraft.Of(actor, AuditAction.PlanApproved, reason, [planId], ("moves", "3"))</c>.</summary>
    public static AuditEntryDraft Of(AuditActor actor, AuditAction action, string reason, IEnumerable<string> targets, params (string Key, string Value)[] detail) =>
        new(actor, action, [.. targets], detail.ToImmutableSortedDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal), reason ?? string.Empty);
}
