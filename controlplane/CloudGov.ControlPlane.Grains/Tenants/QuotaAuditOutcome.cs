using CloudGov.ControlPlane.Abstractions.Audit;
using CloudGov.ControlPlane.Abstractions.Tenants;

namespace CloudGov.ControlPlane.Grains.Tenants;

/// <summary>What a quota command's audit outcome says: the request's state, what was granted, who decided and the rule; or why it was refused.</summary>
internal static class QuotaAuditOutcome
{
    /// <summary>The outcome of <paramref name="result"/>.</summary>
    public static AuditOutcome Of(QuotaResult result)
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
