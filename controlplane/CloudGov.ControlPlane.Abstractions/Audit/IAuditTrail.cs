namespace CloudGov.ControlPlane.Abstractions.Audit;

/// <summary>
/// The append-only, hash-chained audit trail of every state-changing decision. Appends are serialized into one total
/// order per chain, also across the hosts of a cluster. An append returns only after the entry is durably stored;
/// when storing fails it throws <see cref="AuditUnavailableException"/> and the caller must not make the decision.
/// </summary>
public interface IAuditTrail
{
    /// <summary>Stores <paramref name="draft"/> as the chain's next entry and returns it (sequence, time and hashes set).</summary>
    /// <exception cref="AuditUnavailableException">The entry could not be stored.</exception>
    Task<AuditEntry> AppendAsync(AuditEntryDraft draft, CancellationToken cancellationToken = default);

    /// <summary>A filtered page of this deployment's chain.</summary>
    Task<AuditPage> ListAsync(AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>Checks this deployment's chain and names the first entry that was changed, removed or reordered.</summary>
    Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default);
}
