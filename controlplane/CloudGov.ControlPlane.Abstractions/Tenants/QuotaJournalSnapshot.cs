namespace CloudGov.ControlPlane.Abstractions.Tenants;

/// <summary>The quota state as stored in the journal's rows.</summary>
/// <param name="Tenants">Every tenant.</param>
/// <param name="Requests">Every retained request (with its idempotency key).</param>
/// <param name="LastSequence">The last request sequence handed out.</param>
/// <param name="TreeVersion">The hierarchy's version.</param>
public sealed record QuotaJournalSnapshot(
    ImmutableArray<TenantNode> Tenants,
    ImmutableArray<QuotaRequestRecord> Requests,
    long LastSequence,
    long TreeVersion);
