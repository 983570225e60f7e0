using CloudGov.ControlPlane.Abstractions.Audit;
using CloudGov.ControlPlane.Abstractions.Tenants;

namespace CloudGov.ControlPlane.Audit;

/// <summary>
/// The audit side of the tenant API's decisions: one call per decision in <c>QuotaApiService</c>. Like
/// <see cref="OperationsAudit"/>, each decision is recorded under the RPC's authenticated caller before the quota grain
/// makes it (nothing is decided when the entry cannot be stored), and its outcome follows: the request's state, what
/// was granted and, for a request the auto-approval policy decided at once, the rule that decided it.
/// </summary>
internal sealed class QuotaAudit(IAuditTrail trail)
{
    /// <summary>Records and makes one quota or tenant decision.</summary>
    public Task<QuotaResult> DecideAsync(
        ServerCallContext context,
        AuditAction action,
        string reason,
        IEnumerable<string> targets,
        Func<Task<QuotaResult>> decide,
        params (string Key, string Value)[] detail)
    {
        var draft = AuditEntryDraft.Of(OperationsAudit.ActorOf(context), action, reason, targets, detail);
        return OperationsAudit.Recorded(trail.DecideAsync(draft, decide, Outcome, context.CancellationToken));
    }

    private static AuditOutcome Outcome(QuotaResult result)
    {
        if (!result.Succeeded)
        {
            return AuditOutcome.NotApplied($"{result.Failure}: {result.Message}");
        }

        if (result.Request is { } r)
        {
            return AuditOutcome.Applied(
                ("request_id", r.RequestId),
                ("state", r.State.ToString()),
                ("granted", r.Granted.ToString()),
                ("decided_by", r.DecidedBy),
                ("rule", r.Rule));
        }

        return result.Tenant is { } t
            ? AuditOutcome.Applied(("tenant_id", t.TenantId), ("parent_id", t.ParentId), ("allocated", t.Allocated.ToString()))
            : AuditOutcome.Applied();
    }
}
