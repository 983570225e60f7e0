using CloudGov.ControlPlane.Abstractions.Audit;
using Npgsql;
using NpgsqlTypes;

namespace CloudGov.ControlPlane.Persistence.Audit;

/// <summary>
/// The audit trail on the cluster's PostgreSQL. An append is one transaction that creates the chain's head row if
/// missing, locks it (<c>SELECT … FOR UPDATE</c>), inserts the entry built from it and moves the head: appends from any
/// host of the cluster queue on that row lock, so the chain is one total order; a failed transaction stores nothing.
/// </summary>
internal sealed partial class PostgresAuditStore(NpgsqlDataSource dataSource) : IQuotaAuditStore, IAsyncDisposable
{
    private const string InsertSql = $"""
        INSERT INTO cloudgov_audit_entry ({AuditRows.Columns})
        VALUES (@chain, @seq, @at, @subject, @role, @tenant, @action, @targets, @detail, @reason, @prev, @hash);
        """;

    private const string SelectColumns = "chain, seq, at_us, actor_subject, actor_role, actor_tenant, action, targets::text, detail::text, reason, prev_hash, hash";

    public async Task<AuditEntry> AppendAsync(string chain, Func<long, string, AuditEntry> build, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var (last, previous) = await LockHeadAsync(connection, transaction, chain, cancellationToken).ConfigureAwait(false);
        var entry = build(last + 1, previous);
        var batch = new NpgsqlBatch(connection, transaction);
        await using (batch.ConfigureAwait(false))
        {
            batch.BatchCommands.Add(InsertCommand(entry));
            batch.BatchCommands.Add(MoveHeadCommand(chain, entry));
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return entry;
    }

    /// <summary>Creates the chain's head row if missing and locks it for this transaction; its sequence and hash.</summary>
    private static async Task<(long Last, string Previous)> LockHeadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string chain, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand(
            "INSERT INTO cloudgov_audit_head (chain, seq, hash) VALUES (@chain, 0, @genesis) ON CONFLICT (chain) DO NOTHING;", connection, transaction))
        {
            create.Parameters.AddWithValue("chain", chain);
            create.Parameters.AddWithValue("genesis", AuditEntry.GenesisHash);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var head = new NpgsqlCommand("SELECT seq, hash FROM cloudgov_audit_head WHERE chain = @chain FOR UPDATE;", connection, transaction);
        head.Parameters.AddWithValue("chain", chain);
        await using var reader = await head.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"the head row of audit chain '{chain}' vanished inside its own transaction");
        }

        return (reader.GetInt64(0), reader.GetString(1));
    }

    private static NpgsqlBatchCommand InsertCommand(AuditEntry entry)
    {
        var insert = new NpgsqlBatchCommand(InsertSql);
        insert.Parameters.AddWithValue("chain", entry.Chain);
        insert.Parameters.AddWithValue("seq", entry.Sequence);
        insert.Parameters.AddWithValue("at", AuditCanonical.Microseconds(entry.At));
        insert.Parameters.AddWithValue("subject", entry.Actor.Subject);
        insert.Parameters.AddWithValue("role", entry.Actor.Role);
        insert.Parameters.AddWithValue("tenant", entry.Actor.TenantId);
        insert.Parameters.AddWithValue("action", entry.Action);
        insert.Parameters.AddWithValue("targets", NpgsqlDbType.Jsonb, AuditJson.Targets(entry.Targets));
        insert.Parameters.AddWithValue("detail", NpgsqlDbType.Jsonb, AuditJson.Detail(entry.Detail));
        insert.Parameters.AddWithValue("reason", entry.Reason);
        insert.Parameters.AddWithValue("prev", entry.PreviousHash);
        insert.Parameters.AddWithValue("hash", entry.Hash);
        return insert;
    }

    private static NpgsqlBatchCommand MoveHeadCommand(string chain, AuditEntry entry)
    {
        var move = new NpgsqlBatchCommand("UPDATE cloudgov_audit_head SET seq = @seq, hash = @hash WHERE chain = @chain;");
        move.Parameters.AddWithValue("chain", chain);
        move.Parameters.AddWithValue("seq", entry.Sequence);
        move.Parameters.AddWithValue("hash", entry.Hash);
        return move;
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(string chain, AuditQuery query, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand();
        var sql = new System.Text.StringBuilder($"SELECT {SelectColumns} FROM cloudgov_audit_entry WHERE chain = @chain AND seq > @after");
        command.Parameters.AddWithValue("chain", chain);
        command.Parameters.AddWithValue("after", query.AfterSequence);
        if (query.From is { } from)
        {
            sql.Append(" AND at_us >= @from");
            command.Parameters.AddWithValue("from", AuditCanonical.Microseconds(from));
        }

        if (query.To is { } to)
        {
            sql.Append(" AND at_us < @to");
            command.Parameters.AddWithValue("to", AuditCanonical.Microseconds(to));
        }

        if (!string.IsNullOrEmpty(query.ActorSubject))
        {
            sql.Append(" AND actor_subject = @subject");
            command.Parameters.AddWithValue("subject", query.ActorSubject);
        }

        if (!string.IsNullOrEmpty(query.Action))
        {
            sql.Append(" AND action = @action");
            command.Parameters.AddWithValue("action", query.Action);
        }

        if (!string.IsNullOrEmpty(query.Target))
        {
            sql.Append(" AND targets ? @target");
            command.Parameters.AddWithValue("target", query.Target);
        }

        sql.Append(" ORDER BY seq LIMIT @limit;");
        command.Parameters.AddWithValue("limit", query.Limit);
        command.CommandText = sql.ToString();
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(string chain, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {SelectColumns} FROM cloudgov_audit_entry WHERE chain = @chain AND seq > @after ORDER BY seq LIMIT @limit;");
        command.Parameters.AddWithValue("chain", chain);
        command.Parameters.AddWithValue("after", afterSequence);
        command.Parameters.AddWithValue("limit", limit);
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<AuditHead?> ReadHeadAsync(string chain, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT seq, hash FROM cloudgov_audit_head WHERE chain = @chain;");
        command.Parameters.AddWithValue("chain", chain);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && reader.GetInt64(0) > 0
            ? new AuditHead(reader.GetInt64(0), reader.GetString(1))
            : null;
    }

    public async Task<long?> FindByHashAsync(string chain, string hash, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT seq FROM cloudgov_audit_entry WHERE chain = @chain AND hash = @hash ORDER BY seq LIMIT 1;");
        command.Parameters.AddWithValue("chain", chain);
        command.Parameters.AddWithValue("hash", hash);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long seq ? seq : null;
    }

    public async Task<IReadOnlyList<string>> ChainsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT chain FROM cloudgov_audit_head UNION SELECT DISTINCT chain FROM cloudgov_audit_entry ORDER BY 1;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var chains = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            chains.Add(reader.GetString(0));
        }

        return chains;
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    private static async Task<IReadOnlyList<AuditEntry>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(AuditRows.Read(reader));
        }

        return entries;
    }
}
