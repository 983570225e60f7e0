using CloudGov.ControlPlane.Persistence.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CloudGov.ControlPlane.Persistence.Audit;

/// <summary>Makes the audit store the <c>Storage</c> section names.</summary>
public static class AuditStores
{
    /// <summary>The store for <paramref name="options"/>: PostgreSQL in Postgres mode, the SQLite file otherwise.</summary>
    internal static IAuditStore Create(StorageOptions options, SqliteDatabaseRegistry sqlite) =>
        options.Mode == StorageMode.Postgres
            ? Postgres(options.PostgresConnectionString!)
            : new SqliteAuditStore(sqlite.Get(SqliteSettings(options.SqlitePath, options.SqliteSynchronousFull)));

    /// <summary>A PostgreSQL store on <paramref name="connectionString"/> (the schema must be applied).</summary>
    public static IAuditStore Postgres(string connectionString) => new PostgresAuditStore(NpgsqlDataSource.Create(connectionString));

    /// <summary>A SQLite store on the file at <paramref name="path"/> (created with the schema if missing); dispose it to close the file.</summary>
    public static SqliteAuditStoreHandle Sqlite(string path, ILoggerFactory loggerFactory)
    {
        var registry = new SqliteDatabaseRegistry(loggerFactory);
        return new SqliteAuditStoreHandle(new SqliteAuditStore(registry.Get(SqliteSettings(path, synchronousFull: true))), registry);
    }

    private static SqliteDatabaseSettings SqliteSettings(string path, bool synchronousFull) =>
        new(Path.GetFullPath(path), SqliteGrainStorageOptions.DefaultBusyTimeout, synchronousFull, 256);
}
