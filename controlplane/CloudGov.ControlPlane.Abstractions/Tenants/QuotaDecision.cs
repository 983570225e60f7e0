namespace CloudGov.ControlPlane.Abstractions.Tenants;

/// <summary>
/// One state-changing quota decision, as the audit trail records it: who, when, what, why and the rule. Every change
/// the quota grain makes produces exactly one (see <c>ITenantQuotaGrain.DecisionsAsync</c> and the grain's
/// <c>IQuotaDecisionSink</c>).
/// </summary>
/// <param name="Kind">What happened: <c>quota.request</c>, <c>quota.approve</c>, <c>quota.auto-approve</c>, <c>quota.reject</c>,
/// <c>quota.cancel</c>, <c>tenant.create</c>, <c>tenant.update</c>, <c>tenant.move</c>, <c>tenant.delete</c>, <c>tenant.seed</c>.</param>
/// <param name="TenantId">The tenant affected.</param>
/// <param name="RequestId">The quota request, if any.</param>
/// <param name="By">Who decided (a subject, <c>auto-approval</c>, or <c>configuration</c>).</param>
/// <param name="Reason">Why.</param>
/// <param name="Rule">The auto-approval rule, if one decided.</param>
/// <param name="Allocated">The tenant's allocation after the decision.</param>
/// <param name="At">When.</param>
[GenerateSerializer, Immutable, Alias("cloudgov.QuotaDecision")]
public sealed record QuotaDecision(
    [property: Id(0)] string Kind,
    [property: Id(1)] string TenantId,
    [property: Id(2)] string RequestId,
    [property: Id(3)] string By,
    [property: Id(4)] string Reason,
    [property: Id(5)] string Rule,
    [property: Id(6)] ResourceVector Allocated,
    [property: Id(7)] DateTimeOffset At);
