namespace CloudGov.ControlPlane.Persistence.Audit;

/// <summary>The quota grain's stored rows, as bytes (Orleans' serializer writes and reads them; the store never looks inside).</summary>
/// <param name="LastSequence">The last request sequence handed out.</param>
/// <param name="TreeVersion">The hierarchy's version.</param>
/// <param name="Tenants">One body per tenant.</param>
/// <param name="Requests">One body per retained request.</param>
public sealed record QuotaRows(long LastSequence, long TreeVersion, IReadOnlyList<byte[]> Tenants, IReadOnlyList<byte[]> Requests);
