namespace CloudGov.ControlPlane.Abstractions.Tenants;

/// <summary>
/// One group commit of the quota grain: only what changed since the last commit (tenants and requests written or
/// removed), the counters, and the audit records of the commands decided in it, in decision order.
/// </summary>
/// <param name="LastSequence">The last request sequence handed out.</param>
/// <param name="TreeVersion">The hierarchy's version.</param>
/// <param name="Tenants">Tenants created or changed.</param>
/// <param name="RemovedTenants">Ids of deleted tenants.</param>
/// <param name="Requests">Requests filed or changed.</param>
/// <param name="RemovedRequests">Ids of decided requests dropped beyond the retention.</param>
/// <param name="Audit">Each command's entry and outcome, in the order the commands were decided.</param>
public sealed record QuotaJournalBatch(
    long LastSequence,
    long TreeVersion,
    ImmutableArray<TenantNode> Tenants,
    ImmutableArray<string> RemovedTenants,
    ImmutableArray<QuotaRequestRecord> Requests,
    ImmutableArray<string> RemovedRequests,
    ImmutableArray<QuotaAuditRecord> Audit)
{
    /// <summary>True when the batch changes no row (only audit records, or nothing).</summary>
    public bool ChangesNoRow => Tenants.IsDefaultOrEmpty && RemovedTenants.IsDefaultOrEmpty && Requests.IsDefaultOrEmpty && RemovedRequests.IsDefaultOrEmpty;
}
