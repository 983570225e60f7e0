namespace CloudGov.ControlPlane.Persistence.Sqlite;

/// <summary>The single-node schema: grain state, reminders, the audit trail and a schema version row, created idempotently.</summary>
internal static class SqliteSchema
{
    /// <summary>Version recorded in <c>cloudgov_schema_version</c>; bump with every change below.</summary>
    public const int Version = 2;

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

        -- The audit trail (README "Audit trail"): append-only, hash-chained entries per chain, and each chain's head.
        CREATE TABLE IF NOT EXISTS audit_entries (
            chain         TEXT    NOT NULL,
            seq           INTEGER NOT NULL,
            at_us         INTEGER NOT NULL,
            actor_subject TEXT    NOT NULL,
            actor_role    TEXT    NOT NULL,
            actor_tenant  TEXT    NOT NULL,
            action        TEXT    NOT NULL,
            targets       TEXT    NOT NULL,
            detail        TEXT    NOT NULL,
            reason        TEXT    NOT NULL,
            prev_hash     TEXT    NOT NULL,
            hash          TEXT    NOT NULL,
            PRIMARY KEY (chain, seq)
        ) WITHOUT ROWID;

        CREATE INDEX IF NOT EXISTS ix_audit_entries_at ON audit_entries (chain, at_us);
        CREATE INDEX IF NOT EXISTS ix_audit_entries_actor ON audit_entries (chain, actor_subject, seq);
        CREATE INDEX IF NOT EXISTS ix_audit_entries_action ON audit_entries (chain, action, seq);
        -- Version 2: no index on (chain, hash). Its keys are random, so every appended entry dirtied a page of its own
        -- (about half of what each quota commit wrote and fsync'ed); its one reader is the verify command's diagnosis of
        -- a broken entry, which walks the chain anyway. Only the index goes: the rows are unchanged.
        DROP INDEX IF EXISTS ix_audit_entries_hash;

        CREATE TABLE IF NOT EXISTS audit_heads (
            chain TEXT    NOT NULL PRIMARY KEY,
            seq   INTEGER NOT NULL,
            hash  TEXT    NOT NULL
        ) WITHOUT ROWID;

        CREATE TRIGGER IF NOT EXISTS audit_entries_no_update BEFORE UPDATE ON audit_entries
        BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;

        CREATE TRIGGER IF NOT EXISTS audit_entries_no_delete BEFORE DELETE ON audit_entries
        BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;

        -- The quota grain's state (README "Tenants and quota"): counters, one row per tenant and per retained request,
        -- written in the same transaction as the audit entries of the decisions that changed them.
        CREATE TABLE IF NOT EXISTS quota_meta (
            chain        TEXT    NOT NULL PRIMARY KEY,
            last_seq     INTEGER NOT NULL,
            tree_version INTEGER NOT NULL,
            modified_us  INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS quota_tenants (
            chain     TEXT NOT NULL,
            tenant_id TEXT NOT NULL,
            body      BLOB NOT NULL,
            PRIMARY KEY (chain, tenant_id)
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS quota_requests (
            chain      TEXT    NOT NULL,
            request_id TEXT    NOT NULL,
            seq        INTEGER NOT NULL,
            body       BLOB    NOT NULL,
            PRIMARY KEY (chain, request_id)
        ) WITHOUT ROWID;

        INSERT INTO cloudgov_schema_version (component, version, applied_utc)
        VALUES ('sqlite', $version, $now)
        ON CONFLICT (component) DO UPDATE SET version = excluded.version, applied_utc = excluded.applied_utc
        WHERE excluded.version > cloudgov_schema_version.version;
        """;
}
