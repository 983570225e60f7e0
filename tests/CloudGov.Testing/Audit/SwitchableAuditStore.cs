using CloudGov.ControlPlane.Abstractions.Audit;
using CloudGov.ControlPlane.Persistence.Audit;

namespace CloudGov.Testing.Audit;

/// <summary>
/// A real audit store whose appends (and quota commits, which append) can be made to fail (as a lost database connection
/// would), for fault tests.
/// </summary>
public sealed class SwitchableAuditStore(IAuditStore inner) : IQuotaAuditStore
{
    /// <summary>While true, every append throws before anything is stored.</summary>
    public bool FailAppends { get; set; }

    /// <summary>The store underneath.</summary>
    public IAuditStore Inner => inner;

    public Task<AuditEntry> AppendAsync(string chain, Func<long, string, AuditEntry> build, CancellationToken cancellationToken) =>
        FailAppends
            ? throw new IOException("injected audit storage failure")
            : inner.AppendAsync(chain, build, cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> QueryAsync(string chain, AuditQuery query, CancellationToken cancellationToken) => inner.QueryAsync(chain, query, cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> ReadAsync(string chain, long afterSequence, int limit, CancellationToken cancellationToken) => inner.ReadAsync(chain, afterSequence, limit, cancellationToken);

    public Task<AuditHead?> ReadHeadAsync(string chain, CancellationToken cancellationToken) => inner.ReadHeadAsync(chain, cancellationToken);

    public Task<long?> FindByHashAsync(string chain, string hash, CancellationToken cancellationToken) => inner.FindByHashAsync(chain, hash, cancellationToken);

    public Task<IReadOnlyList<string>> ChainsAsync(CancellationToken cancellationToken) => inner.ChainsAsync(cancellationToken);

    public Task<QuotaRows?> ReadQuotaAsync(string chain, CancellationToken cancellationToken) => Quota.ReadQuotaAsync(chain, cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> CommitQuotaAsync(string chain, QuotaRowChanges changes, IReadOnlyList<Func<long, string, AuditEntry>> entries, CancellationToken cancellationToken) =>
        FailAppends
            ? throw new IOException("injected audit storage failure")
            : Quota.CommitQuotaAsync(chain, changes, entries, cancellationToken);

    private IQuotaAuditStore Quota => inner as IQuotaAuditStore
        ?? throw new InvalidOperationException($"the store {inner.GetType().Name} beneath keeps no quota rows");
}
