using System.Collections.Frozen;
using System.Reflection;
using Npgsql;

namespace CloudGov.ControlPlane.Persistence.Postgres;

/// <summary>
/// The project's own PostgreSQL schema and the <c>OrleansQuery</c> rows the Orleans ADO.NET providers
/// (clustering, grain persistence, reminders; invariant <c>Npgsql</c>) load at start. Applying is idempotent and
/// safe from several hosts at once: one transaction, serialized by a transaction-level advisory lock.
/// </summary>
public static class PostgresSchema
{
    /// <summary>ADO.NET invariant name to configure on the Orleans providers.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>Schema version this build installs; recorded in <c>cloudgov_schema_version</c>.</summary>
    public const int Version = 1;

    /// <summary>Component name of the schema's row in <c>cloudgov_schema_version</c>.</summary>
    public const string Component = "orleans";

    /// <summary>Key of the advisory lock that serializes concurrent appliers ("CloudGov" in ASCII).</summary>
    public const long AdvisoryLockKey = 0x436C6F7564476F76;

    private const string ResourcePrefix = "CloudGov.Postgres.";
    private const string QueryResourcePrefix = ResourcePrefix + "queries.";

    /// <summary>The DDL script (tables and indexes).</summary>
    public static string SchemaScript { get; } = ReadResource(ResourcePrefix + "schema.sql");

    /// <summary>Query key → SQL text, one per query the providers require.</summary>
    public static IReadOnlyDictionary<string, string> Queries { get; } = LoadQueries();

    /// <summary>Creates or completes the schema and installs the current queries.</summary>
    /// <exception cref="InvalidOperationException">The database holds a newer schema version than this build.</exception>
    public static async Task ApplyAsync(string connectionString, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key);", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", AdvisoryLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var ddl = new NpgsqlCommand(SchemaScript, connection, transaction))
        {
            await ddl.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var current = new NpgsqlCommand(
            "SELECT version FROM cloudgov_schema_version WHERE component = @component;", connection, transaction))
        {
            current.Parameters.AddWithValue("component", Component);
            if (await current.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int installed && installed > Version)
            {
                throw new InvalidOperationException(
                    $"The database holds CloudGov schema version {installed}, newer than this build's {Version}; refusing to downgrade it.");
            }
        }

        var batch = new NpgsqlBatch(connection, transaction);
        await using (batch.ConfigureAwait(false))
        {
            foreach (var (key, text) in Queries)
            {
                var upsert = new NpgsqlBatchCommand("""
                    INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES (@key, @text)
                    ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText
                    WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText;
                    """);
                upsert.Parameters.AddWithValue("key", key);
                upsert.Parameters.AddWithValue("text", text);
                batch.BatchCommands.Add(upsert);
            }

            var version = new NpgsqlBatchCommand("""
                INSERT INTO cloudgov_schema_version (component, version, applied_at) VALUES (@component, @version, now())
                ON CONFLICT (component) DO UPDATE SET version = EXCLUDED.version, applied_at = EXCLUDED.applied_at;
                """);
            version.Parameters.AddWithValue("component", Component);
            version.Parameters.AddWithValue("version", Version);
            batch.BatchCommands.Add(version);
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The whole installation as one reviewable script (what <see cref="ApplyAsync"/> executes).</summary>
    public static string RenderScript()
    {
        var script = new System.Text.StringBuilder();
        script.AppendLine("BEGIN;");
        script.AppendLine(System.FormattableString.Invariant($"SELECT pg_advisory_xact_lock({AdvisoryLockKey});"));
        script.AppendLine(SchemaScript);
        foreach (var (key, text) in Queries.OrderBy(q => q.Key, StringComparer.Ordinal))
        {
            script.AppendLine(System.FormattableString.Invariant(
                $"INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('{key}', $q${text}$q$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;"));
        }

        script.AppendLine(System.FormattableString.Invariant(
            $"INSERT INTO cloudgov_schema_version (component, version) VALUES ('{Component}', {Version}) ON CONFLICT (component) DO UPDATE SET version = EXCLUDED.version, applied_at = now();"));
        script.AppendLine("COMMIT;");
        return script.ToString();
    }

    private static FrozenDictionary<string, string> LoadQueries()
    {
        var assembly = typeof(PostgresSchema).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(QueryResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .ToFrozenDictionary(
                name => name[QueryResourcePrefix.Length..^".sql".Length],
                name => ReadResource(name),
                StringComparer.Ordinal);
    }

    private static string ReadResource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded SQL resource '{name}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
