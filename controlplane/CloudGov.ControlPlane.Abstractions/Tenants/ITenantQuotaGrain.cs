using CloudGov.ControlPlane.Abstractions.Audit;

namespace CloudGov.ControlPlane.Abstractions.Tenants;

/// <summary>
/// The tenant hierarchy and its quota (key 0): every allocation, request and decision, serialized in one grain so that
/// racing callers never over-grant. A change is visible only once it is stored; a failed write leaves nothing behind.
/// A command given an <c>audit</c> draft is recorded in the audit trail (the draft, then its outcome) in the same
/// transaction that stores its effect, and answered only once that transaction committed — refusals too, except
/// back-pressure refusals (the pending limit), which are not journaled and are answered once what they saw is stored.
/// </summary>
[Alias("cloudgov.ITenantQuotaGrain")]
public interface ITenantQuotaGrain : IGrainWithIntegerKey
{
    /// <summary>The committed hierarchy.</summary>
    [Alias("Tree")]
    Task<QuotaTree> GetTreeAsync();

    /// <summary>Files a request; auto-approves it when the policy allows; a retry with the same key returns the first answer.</summary>
    [Alias("Request")]
    Task<QuotaResult> RequestAsync(QuotaAsk ask, QuotaReading reading, AuditEntryDraft? audit = null);

    /// <summary>Grants a pending request, in full (<paramref name="granted"/> null) or in part.</summary>
    [Alias("Approve")]
    Task<QuotaResult> ApproveAsync(string requestId, ResourceVector? granted, string by, string reason, QuotaReading reading, AuditEntryDraft? audit = null);

    /// <summary>Rejects a pending request.</summary>
    [Alias("Reject")]
    Task<QuotaResult> RejectAsync(string requestId, string by, string reason, AuditEntryDraft? audit = null);

    /// <summary>Withdraws a pending request.</summary>
    [Alias("Cancel")]
    Task<QuotaResult> CancelAsync(string requestId, string by, AuditEntryDraft? audit = null);

    /// <summary>One request; null when unknown.</summary>
    [Alias("GetRequest")]
    Task<QuotaRequestRecord?> GetRequestAsync(string requestId);

    /// <summary>Requests of the subtree under <paramref name="tenantId"/> (every request when empty), newest first.</summary>
    [Alias("ListRequests")]
    Task<ImmutableArray<QuotaRequestRecord>> ListRequestsAsync(string tenantId, bool pendingOnly, int limit);

    /// <summary>Adds a tenant.</summary>
    [Alias("CreateTenant")]
    Task<QuotaResult> CreateTenantAsync(TenantNode tenant, string by, ResourceVector capacity, AuditEntryDraft? audit = null);

    /// <summary>Renames a tenant and/or sets its allocation (a decrease never below the subtree's use in the reading).</summary>
    [Alias("UpdateTenant")]
    Task<QuotaResult> UpdateTenantAsync(string tenantId, string? displayName, ResourceVector? allocated, string by, string reason, QuotaReading reading, AuditEntryDraft? audit = null);

    /// <summary>Moves a tenant and its subtree under another parent (empty: a root).</summary>
    [Alias("MoveTenant")]
    Task<QuotaResult> MoveTenantAsync(string tenantId, string newParentId, string by, ResourceVector capacity, AuditEntryDraft? audit = null);

    /// <summary>Deletes a tenant without children or pending requests (<paramref name="hasWorkloads"/> refuses it too).</summary>
    [Alias("DeleteTenant")]
    Task<QuotaResult> DeleteTenantAsync(string tenantId, bool hasWorkloads, string by, AuditEntryDraft? audit = null);

    /// <summary>Adds the configured tenants that do not exist yet (never changes an existing one).</summary>
    [Alias("Seed")]
    Task<int> SeedAsync(ImmutableArray<TenantNode> tenants);

    /// <summary>The most recent decisions, oldest first (at most <paramref name="limit"/>), for the audit trail and tests.</summary>
    [Alias("Decisions")]
    Task<ImmutableArray<QuotaDecision>> DecisionsAsync(int limit);
}
