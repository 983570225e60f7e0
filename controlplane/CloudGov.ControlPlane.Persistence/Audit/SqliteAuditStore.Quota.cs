using CloudGov.ControlPlane.Abstractions.Audit;
using CloudGov.ControlPlane.Persistence.Sqlite;

namespace CloudGov.ControlPlane.Persistence.Audit;

/// <summary>
/// The quota grain's rows in the node's SQLite file (<c>quota_meta</c>, <c>quota_tenants</c>, <c>quota_requests</c>),
/// written by the file's single writer in the same transaction as the batch's audit entries.
/// </summary>
internal sealed partial class SqliteAuditStore
{
    private const string MetaSql = """
        INSERT INTO quota_meta (chain, last_seq, tree_version, modified_us) VALUES ($chain, $last, $tree, $now)
        ON CONFLICT (chain) DO UPDATE SET last_seq = excluded.last_seq, tree_version = excluded.tree_version, modified_us = excluded.modified_us;
        """;

    private const string TenantSql = "INSERT INTO quota_tenants (chain, tenant_id, body) VALUES ($chain, $id, $body) ON CONFLICT (chain, tenant_id) DO UPDATE SET body = excluded.body;";
    private const string RemoveTenantSql = "DELETE FROM quota_tenants WHERE chain = $chain AND tenant_id = $id;";
    private const string RequestSql = "INSERT INTO quota_requests (chain, request_id, seq, body) VALUES ($chain, $id, $seq, $body) ON CONFLICT (chain, request_id) DO UPDATE SET seq = excluded.seq, body = excluded.body;";
    private const string RemoveRequestSql = "DELETE FROM quota_requests WHERE chain = $chain AND request_id = $id;";

    public Task<QuotaRows?> ReadQuotaAsync(string chain, CancellationToken cancellationToken) =>
        database.ReadAsync(connection =>
        {
            // One read transaction: the counters and the rows are one consistent snapshot (WAL).
            using var transaction = connection.BeginTransaction(deferred: true);
            using var meta = connection.CreateCommand();
            meta.Transaction = transaction;
            meta.CommandText = "SELECT last_seq, tree_version FROM quota_meta WHERE chain = $chain;";
            meta.Parameters.AddWithValue("$chain", chain);
            long last, tree;
            using (var reader = meta.ExecuteReader())
            {
                if (!reader.Read())
                {
                    return null;
                }

                (last, tree) = (reader.GetInt64(0), reader.GetInt64(1));
            }

            return new QuotaRows(last, tree, Bodies(connection, transaction, "SELECT body FROM quota_tenants WHERE chain = $chain ORDER BY tenant_id;", chain),
                Bodies(connection, transaction, "SELECT body FROM quota_requests WHERE chain = $chain ORDER BY seq;", chain));
        }, cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> CommitQuotaAsync(string chain, QuotaRowChanges changes, IReadOnlyList<Func<long, string, AuditEntry>> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(entries);
        return database.WriteAsync<IReadOnlyList<AuditEntry>>(context =>
        {
            var appended = new List<AuditEntry>(entries.Count);
            if (entries.Count > 0)
            {
                var (last, previous) = ReadHead(context, chain);
                foreach (var build in entries)
                {
                    var entry = Insert(context, build(++last, previous));
                    previous = entry.Hash;
                    appended.Add(entry);
                }

                MoveHead(context, chain, appended[^1]);
            }

            var meta = context.Prepared(MetaSql, MetaParameters);
            meta.Set(0, chain);
            meta.Set(1, changes.LastSequence);
            meta.Set(2, changes.TreeVersion);
            meta.Set(3, AuditCanonical.Microseconds(DateTimeOffset.UtcNow));
            meta.Run();
            foreach (var (id, body) in changes.Tenants)
            {
                Run(context.Prepared(TenantSql, RowParameters), chain, id, body);
            }

            foreach (var id in changes.RemovedTenants)
            {
                Run(context.Prepared(RemoveTenantSql, KeyParameters), chain, id);
            }

            foreach (var (id, sequence, body) in changes.Requests)
            {
                var command = context.Prepared(RequestSql, RequestParameters);
                command.Set(2, sequence);
                Run(command, chain, id, body, bodyAt: 3);
            }

            foreach (var id in changes.RemovedRequests)
            {
                Run(context.Prepared(RemoveRequestSql, KeyParameters), chain, id);
            }

            return appended;
        }, cancellationToken);
    }

    private static readonly string[] MetaParameters = ["$chain", "$last", "$tree", "$now"];
    private static readonly string[] KeyParameters = ["$chain", "$id"];
    private static readonly string[] RowParameters = ["$chain", "$id", "$body"];
    private static readonly string[] RequestParameters = ["$chain", "$id", "$seq", "$body"];

    /// <summary>Runs a prepared row statement: <c>$chain</c> and <c>$id</c> first, the body (if any) at <paramref name="bodyAt"/>.</summary>
    private static void Run(SqliteWriteStatement statement, string chain, string id, byte[]? body = null, int bodyAt = 2)
    {
        statement.Set(0, chain);
        statement.Set(1, id);
        if (body is not null)
        {
            statement.Set(bodyAt, body);
        }

        statement.Run();
    }

    private static List<byte[]> Bodies(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction transaction, string sql, string chain)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$chain", chain);
        using var reader = command.ExecuteReader();
        var bodies = new List<byte[]>();
        while (reader.Read())
        {
            bodies.Add((byte[])reader.GetValue(0));
        }

        return bodies;
    }
}
