using CloudGov.ControlPlane.Abstractions.Audit;
using Npgsql;
using NpgsqlTypes;

namespace CloudGov.ControlPlane.Persistence.Audit;

/// <summary>
/// The quota grain's rows on PostgreSQL (<c>cloudgov_quota_meta</c>, <c>_tenant</c>, <c>_request</c>): one transaction
/// locks the chain's head row, then sends the batch's entries, the head move and the row changes in one round trip.
/// </summary>
internal sealed partial class PostgresAuditStore
{
    public async Task<QuotaRows?> ReadQuotaAsync(string chain, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        long last, tree;
        await using (var meta = new NpgsqlCommand("SELECT last_seq, tree_version FROM cloudgov_quota_meta WHERE chain = @chain;", connection, transaction))
        {
            meta.Parameters.AddWithValue("chain", chain);
            await using var reader = await meta.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            (last, tree) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        var tenants = await BodiesAsync(connection, transaction, "SELECT body FROM cloudgov_quota_tenant WHERE chain = @chain ORDER BY tenant_id;", chain, cancellationToken).ConfigureAwait(false);
        var requests = await BodiesAsync(connection, transaction, "SELECT body FROM cloudgov_quota_request WHERE chain = @chain ORDER BY seq;", chain, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new QuotaRows(last, tree, tenants, requests);
    }

    public async Task<IReadOnlyList<AuditEntry>> CommitQuotaAsync(string chain, QuotaRowChanges changes, IReadOnlyList<Func<long, string, AuditEntry>> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(entries);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // The head lock also serializes quota commits of every host, so their rows follow the chain's order.
        var (last, previous) = await LockHeadAsync(connection, transaction, chain, cancellationToken).ConfigureAwait(false);
        var appended = new List<AuditEntry>(entries.Count);
        var batch = new NpgsqlBatch(connection, transaction);
        await using (batch.ConfigureAwait(false))
        {
            foreach (var build in entries)
            {
                var entry = build(++last, previous);
                previous = entry.Hash;
                appended.Add(entry);
                batch.BatchCommands.Add(InsertCommand(entry));
            }

            if (appended.Count > 0)
            {
                batch.BatchCommands.Add(MoveHeadCommand(chain, appended[^1]));
            }

            var meta = new NpgsqlBatchCommand("""
                INSERT INTO cloudgov_quota_meta (chain, last_seq, tree_version, modified_at) VALUES (@chain, @last, @tree, now())
                ON CONFLICT (chain) DO UPDATE SET last_seq = EXCLUDED.last_seq, tree_version = EXCLUDED.tree_version, modified_at = EXCLUDED.modified_at;
                """);
            meta.Parameters.AddWithValue("chain", chain);
            meta.Parameters.AddWithValue("last", changes.LastSequence);
            meta.Parameters.AddWithValue("tree", changes.TreeVersion);
            batch.BatchCommands.Add(meta);
            if (changes.Tenants.Count > 0)
            {
                batch.BatchCommands.Add(Rows("""
                    INSERT INTO cloudgov_quota_tenant (chain, tenant_id, body)
                    SELECT @chain, id, body FROM unnest(@ids, @bodies) AS t(id, body)
                    ON CONFLICT (chain, tenant_id) DO UPDATE SET body = EXCLUDED.body;
                    """, chain, [.. changes.Tenants.Select(t => t.Id)], [.. changes.Tenants.Select(t => t.Body)]));
            }

            if (changes.RemovedTenants.Count > 0)
            {
                batch.BatchCommands.Add(Rows("DELETE FROM cloudgov_quota_tenant WHERE chain = @chain AND tenant_id = ANY(@ids);", chain, [.. changes.RemovedTenants]));
            }

            if (changes.Requests.Count > 0)
            {
                var upsert = Rows("""
                    INSERT INTO cloudgov_quota_request (chain, request_id, seq, body)
                    SELECT @chain, id, seq, body FROM unnest(@ids, @seqs, @bodies) AS r(id, seq, body)
                    ON CONFLICT (chain, request_id) DO UPDATE SET seq = EXCLUDED.seq, body = EXCLUDED.body;
                    """, chain, [.. changes.Requests.Select(r => r.Id)], [.. changes.Requests.Select(r => r.Body)]);
                upsert.Parameters.AddWithValue("seqs", changes.Requests.Select(r => r.Sequence).ToArray());
                batch.BatchCommands.Add(upsert);
            }

            if (changes.RemovedRequests.Count > 0)
            {
                batch.BatchCommands.Add(Rows("DELETE FROM cloudgov_quota_request WHERE chain = @chain AND request_id = ANY(@ids);", chain, [.. changes.RemovedRequests]));
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return appended;
    }

    private static NpgsqlBatchCommand Rows(string sql, string chain, string[] ids, byte[][]? bodies = null)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddWithValue("chain", chain);
        command.Parameters.AddWithValue("ids", NpgsqlDbType.Array | NpgsqlDbType.Text, ids);
        if (bodies is not null)
        {
            command.Parameters.AddWithValue("bodies", NpgsqlDbType.Array | NpgsqlDbType.Bytea, bodies);
        }

        return command;
    }

    private static async Task<List<byte[]>> BodiesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, string chain, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("chain", chain);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var bodies = new List<byte[]>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            bodies.Add(reader.GetFieldValue<byte[]>(0));
        }

        return bodies;
    }
}
