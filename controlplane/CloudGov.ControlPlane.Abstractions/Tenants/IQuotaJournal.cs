using CloudGov.ControlPlane.Abstractions.Audit;

namespace CloudGov.ControlPlane.Abstractions.Tenants;

/// <summary>
/// Where the quota grain keeps its state: the hierarchy and every retained request in rows of their own, beside the
/// audit trail. <see cref="CommitAsync"/> stores one batch of decisions — the rows they changed and their audit
/// entries — in one transaction: either all of it is durable or none of it is.
/// </summary>
public interface IQuotaJournal
{
    /// <summary>What is stored; null when nothing was ever committed here (a fresh store, or state the previous release kept in one grain-state row).</summary>
    Task<QuotaJournalSnapshot?> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="batch"/> in one transaction; throws <see cref="AuditUnavailableException"/> when it could not (then nothing of it is stored).</summary>
    Task CommitAsync(QuotaJournalBatch batch, CancellationToken cancellationToken);
}
