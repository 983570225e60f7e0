using CloudGov.ControlPlane.Abstractions.Audit;

namespace CloudGov.ControlPlane.Persistence.Audit;

/// <summary>
/// An audit store that also keeps the quota grain's rows (<see cref="AuditedQuotaJournal"/>): a batch of quota changes
/// and the audit entries of the decisions in it are stored in one transaction, serialized with every other append of
/// the chain, so the chain stays one total order and no decision is stored without its entries (or entries without it).
/// </summary>
public interface IQuotaAuditStore : IAuditStore
{
    /// <summary>The quota rows of <paramref name="chain"/>'s deployment; null when none were ever committed.</summary>
    Task<QuotaRows?> ReadQuotaAsync(string chain, CancellationToken cancellationToken);

    /// <summary>
    /// Appends the entries <paramref name="entries"/> build (in order, each from its sequence number and the previous
    /// hash) and applies <paramref name="changes"/>, in one transaction; returns the entries once committed. Throws the
    /// driver's exception when it could not be stored (nothing is then stored).
    /// </summary>
    Task<IReadOnlyList<AuditEntry>> CommitQuotaAsync(string chain, QuotaRowChanges changes, IReadOnlyList<Func<long, string, AuditEntry>> entries, CancellationToken cancellationToken);
}
