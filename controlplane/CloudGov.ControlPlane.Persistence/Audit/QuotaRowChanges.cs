namespace CloudGov.ControlPlane.Persistence.Audit;

/// <summary>What one quota commit writes: the counters, the tenant and request rows written (id → body) and the ids removed.</summary>
/// <param name="LastSequence">The last request sequence handed out.</param>
/// <param name="TreeVersion">The hierarchy's version.</param>
/// <param name="Tenants">Tenant rows to insert or replace.</param>
/// <param name="RemovedTenants">Tenant rows to delete.</param>
/// <param name="Requests">Request rows to insert or replace (id, sequence, body).</param>
/// <param name="RemovedRequests">Request rows to delete.</param>
public sealed record QuotaRowChanges(
    long LastSequence,
    long TreeVersion,
    IReadOnlyList<(string Id, byte[] Body)> Tenants,
    IReadOnlyList<string> RemovedTenants,
    IReadOnlyList<(string Id, long Sequence, byte[] Body)> Requests,
    IReadOnlyList<string> RemovedRequests);
