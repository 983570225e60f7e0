using CloudGov.ControlPlane.Abstractions.Audit;
using CloudGov.ControlPlane.Persistence.Sqlite;
using Microsoft.Data.Sqlite;

namespace CloudGov.ControlPlane.Persistence.Audit;

/// <summary>
/// The audit trail in the node's SQLite file. Appends run on the file's single writer (one at a time, each inside the
/// writer's transaction, rolled back on its own if it fails), so the head read and the insert cannot interleave.
/// </summary>
internal sealed partial class SqliteAuditStore(SqliteDatabase database) : IQuotaAuditStore
{
    private const string InsertSql = $"""
        INSERT INTO audit_entries ({AuditRows.Columns})
        VALUES ($chain, $seq, $at, $subject, $role, $tenant, $action, $targets, $detail, $reason, $prev, $hash);
        """;

    private const string HeadSql = "INSERT INTO audit_heads (chain, seq, hash) VALUES ($chain, $seq, $hash) ON CONFLICT (chain) DO UPDATE SET seq = excluded.seq, hash = excluded.hash;";

    public Task<AuditEntry> AppendAsync(string chain, Func<long, string, AuditEntry> build, CancellationToken cancellationToken) =>
        database.WriteAsync(context =>
        {
            var (last, previous) = ReadHead(context, chain);
            var entry = Insert(context, build(last + 1, previous));
            MoveHead(context, chain, entry);
            return entry;
        }, cancellationToken);

    private static (long Last, string Previous) ReadHead(SqliteWriteContext context, string chain)
    {
        var read = context.Command("SELECT seq, hash FROM audit_heads WHERE chain = $chain;");
        read.Parameters.AddWithValue("$chain", chain);
        using var reader = read.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : (0, AuditEntry.GenesisHash);
    }

    private static readonly string[] InsertParameters = ["$chain", "$seq", "$at", "$subject", "$role", "$tenant", "$action", "$targets", "$detail", "$reason", "$prev", "$hash"];
    private static readonly string[] HeadParameters = ["$chain", "$seq", "$hash"];

    private static AuditEntry Insert(SqliteWriteContext context, AuditEntry entry)
    {
        // One prepared statement with its parameters kept (set by position): a quota commit inserts two entries per
        // decision, and new parameter objects for each were a good part of the writer's managed allocations.
        var insert = context.Prepared(InsertSql, InsertParameters);
        insert.Set(0, entry.Chain);
        insert.Set(1, entry.Sequence);
        insert.Set(2, AuditCanonical.Microseconds(entry.At));
        insert.Set(3, entry.Actor.Subject);
        insert.Set(4, entry.Actor.Role);
        insert.Set(5, entry.Actor.TenantId);
        insert.Set(6, entry.Action);
        insert.Set(7, AuditJson.Targets(entry.Targets));
        insert.Set(8, AuditJson.Detail(entry.Detail));
        insert.Set(9, entry.Reason);
        insert.Set(10, entry.PreviousHash);
        insert.Set(11, entry.Hash);
        insert.Run();
        return entry;
    }

    private static void MoveHead(SqliteWriteContext context, string chain, AuditEntry entry)
    {
        var head = context.Prepared(HeadSql, HeadParameters);
        head.Set(0, chain);
        head.Set(1, entry.Sequence);
        head.Set(2, entry.Hash);
        head.Run();
    }

    public Task<IReadOnlyList<AuditEntry>> QueryAsync(string chain, AuditQuery query, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<AuditEntry>>(connection =>
        {
            using var command = connection.CreateCommand();
            var sql = new System.Text.StringBuilder($"SELECT {AuditRows.Columns} FROM audit_entries WHERE chain = $chain AND seq > $after");
            command.Parameters.AddWithValue("$chain", chain);
            command.Parameters.AddWithValue("$after", query.AfterSequence);
            if (query.From is { } from)
            {
                sql.Append(" AND at_us >= $from");
                command.Parameters.AddWithValue("$from", AuditCanonical.Microseconds(from));
            }

            if (query.To is { } to)
            {
                sql.Append(" AND at_us < $to");
                command.Parameters.AddWithValue("$to", AuditCanonical.Microseconds(to));
            }

            if (!string.IsNullOrEmpty(query.ActorSubject))
            {
                sql.Append(" AND actor_subject = $subject");
                command.Parameters.AddWithValue("$subject", query.ActorSubject);
            }

            if (!string.IsNullOrEmpty(query.Action))
            {
                sql.Append(" AND action = $action");
                command.Parameters.AddWithValue("$action", query.Action);
            }

            if (!string.IsNullOrEmpty(query.Target))
            {
                sql.Append(" AND EXISTS (SELECT 1 FROM json_each(audit_entries.targets) WHERE json_each.value = $target)");
                command.Parameters.AddWithValue("$target", query.Target);
            }

            sql.Append(" ORDER BY seq LIMIT $limit;");
            command.Parameters.AddWithValue("$limit", query.Limit);
            command.CommandText = sql.ToString();
            return ReadAll(command);
        }, cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> ReadAsync(string chain, long afterSequence, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<AuditEntry>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {AuditRows.Columns} FROM audit_entries WHERE chain = $chain AND seq > $after ORDER BY seq LIMIT $limit;";
            command.Parameters.AddWithValue("$chain", chain);
            command.Parameters.AddWithValue("$after", afterSequence);
            command.Parameters.AddWithValue("$limit", limit);
            return ReadAll(command);
        }, cancellationToken);

    public Task<AuditHead?> ReadHeadAsync(string chain, CancellationToken cancellationToken) =>
        database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT seq, hash FROM audit_heads WHERE chain = $chain;";
            command.Parameters.AddWithValue("$chain", chain);
            using var reader = command.ExecuteReader();
            return reader.Read() ? new AuditHead(reader.GetInt64(0), reader.GetString(1)) : null;
        }, cancellationToken);

    public Task<long?> FindByHashAsync(string chain, string hash, CancellationToken cancellationToken) =>
        database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT seq FROM audit_entries WHERE chain = $chain AND hash = $hash ORDER BY seq LIMIT 1;";
            command.Parameters.AddWithValue("$chain", chain);
            command.Parameters.AddWithValue("$hash", hash);
            return command.ExecuteScalar() is long seq ? seq : (long?)null;
        }, cancellationToken);

    public Task<IReadOnlyList<string>> ChainsAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<string>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT chain FROM audit_heads UNION SELECT DISTINCT chain FROM audit_entries ORDER BY 1;";
            using var reader = command.ExecuteReader();
            var chains = new List<string>();
            while (reader.Read())
            {
                chains.Add(reader.GetString(0));
            }

            return chains;
        }, cancellationToken);

    private static List<AuditEntry> ReadAll(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var entries = new List<AuditEntry>();
        while (reader.Read())
        {
            entries.Add(AuditRows.Read(reader));
        }

        return entries;
    }
}
