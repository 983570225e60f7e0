using CloudGov.ControlPlane.Abstractions.Audit;
using CloudGov.ControlPlane.Abstractions.Tenants;

namespace CloudGov.ControlPlane.Audit;

/// <summary>
/// The audit side of the tenant API's decisions: one call per decision in <c>QuotaApiService</c>. The decision's entry
/// is drafted under the RPC's authenticated caller and handed to the quota grain, which stores it — with the outcome
/// entry (the request's state, what was granted, the rule that decided) — in the same transaction as the decision's
/// effect (<see cref="IQuotaJournal"/>): a decision is never visible without its entries, and its entries never exist
/// without it. When that transaction fails nothing is stored and the caller gets <c>UNAVAILABLE</c>.
/// </summary>
internal static class QuotaAudit
{
    /// <summary>Drafts the entry of <paramref name="action"/> under the caller and runs <paramref name="decide"/> with it.</summary>
    public static Task<QuotaResult> DecideAsync(
        ServerCallContext context,
        AuditAction action,
        string reason,
        IEnumerable<string> targets,
        Func<AuditEntryDraft, Task<QuotaResult>> decide,
        params (string Key, string Value)[] detail)
    {
        var draft = AuditEntryDraft.Of(OperationsAudit.ActorOf(context), action, reason, targets, detail);
        return OperationsAudit.Recorded(decide(draft));
    }
}
