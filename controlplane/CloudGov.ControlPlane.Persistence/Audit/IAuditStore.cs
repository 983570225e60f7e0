using CloudGov.ControlPlane.Abstractions.Audit;

namespace CloudGov.ControlPlane.Persistence.Audit;

/// <summary>
/// Where audit entries live (SQLite on one node, PostgreSQL in a cluster). <see cref="AppendAsync"/> is the only
/// write: it reads the chain's head, builds the next entry from it and stores entry and head in one transaction that
/// no other append of the same chain can interleave with.
/// </summary>
public interface IAuditStore
{
    /// <summary>
    /// Appends the entry <paramref name="build"/> makes from the next sequence number and the previous entry's hash;
    /// returns it once committed. Throws the driver's exception when it could not be stored (nothing is then stored).
    /// </summary>
    Task<AuditEntry> AppendAsync(string chain, Func<long, string, AuditEntry> build, CancellationToken cancellationToken);

    /// <summary>Up to <see cref="AuditQuery.Limit"/> entries of <paramref name="chain"/> matching the query, ascending by sequence.</summary>
    Task<IReadOnlyList<AuditEntry>> QueryAsync(string chain, AuditQuery query, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> stored rows of <paramref name="chain"/> after <paramref name="afterSequence"/>, ascending, as stored.</summary>
    Task<IReadOnlyList<AuditEntry>> ReadAsync(string chain, long afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>The chain's head (last sequence and hash), or null for a chain with no entry.</summary>
    Task<AuditHead?> ReadHeadAsync(string chain, CancellationToken cancellationToken);

    /// <summary>The sequence number of the stored row carrying <paramref name="hash"/>, or null.</summary>
    Task<long?> FindByHashAsync(string chain, string hash, CancellationToken cancellationToken);

    /// <summary>Every chain with a head or an entry.</summary>
    Task<IReadOnlyList<string>> ChainsAsync(CancellationToken cancellationToken);
}
