namespace CloudGov.ControlPlane.Persistence.Sqlite;

/// <summary>The single-node schema: grain state, reminders and a schema version row, created idempotently.</summary>
internal static class SqliteSchema
{
    /// <summary>Version recorded in <c>cloudgov_schema_version</c>; bump with every change below.</summary>
    public const int Version = 1;

    /// <summary>
    /// Grain state rows are never deleted: a cleared state keeps a tombstone (payload NULL) whose version keeps
    /// counting, so an ETag can never be reused for a different generation of the same state (no ABA).
    /// </summary>
    public const string Ddl = """
        CREATE TABLE IF NOT EXISTS cloudgov_schema_version (
            component   TEXT    NOT NULL PRIMARY KEY,
            version     INTEGER NOT NULL,
            applied_utc TEXT    NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS grain_state (
            grain_id     TEXT    NOT NULL,
            state_name   TEXT    NOT NULL,
            version      INTEGER NOT NULL,
            payload      BLOB    NULL,
            modified_utc TEXT    NOT NULL,
            PRIMARY KEY (grain_id, state_name)
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS reminders (
            service_id    TEXT    NOT NULL,
            grain_id      TEXT    NOT NULL,
            reminder_name TEXT    NOT NULL,
            grain_hash    INTEGER NOT NULL,
            start_ticks   INTEGER NOT NULL,
            period_ms     INTEGER NOT NULL,
            version       INTEGER NOT NULL,
            PRIMARY KEY (service_id, grain_id, reminder_name)
        ) WITHOUT ROWID;

        CREATE INDEX IF NOT EXISTS ix_reminders_ring ON reminders (service_id, grain_hash);

        INSERT INTO cloudgov_schema_version (component, version, applied_utc)
        VALUES ('sqlite', $version, $now)
        ON CONFLICT (component) DO UPDATE SET version = excluded.version, applied_utc = excluded.applied_utc
        WHERE excluded.version > cloudgov_schema_version.version;
        """;
}
