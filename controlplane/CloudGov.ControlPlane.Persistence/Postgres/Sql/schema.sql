-- CloudGov schema for the Orleans ADO.NET providers on PostgreSQL: clustering (membership), grain state and
-- reminders. PostgresSchema.ApplyAsync runs this inside one transaction, after taking a transaction-level
-- advisory lock, so several hosts may apply it at the same moment. Every statement is idempotent.
-- The providers never name these tables: they only run the SQL stored in OrleansQuery (see queries/*.sql).

CREATE TABLE IF NOT EXISTS cloudgov_schema_version (
    component  text        NOT NULL PRIMARY KEY,
    version    integer     NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

-- The one name the providers hard-code: they load their statements with
-- "SELECT QueryKey, QueryText FROM OrleansQuery" (unquoted, so PostgreSQL folds it to orleansquery).
CREATE TABLE IF NOT EXISTS OrleansQuery (
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);

-- Clustering: one version row per cluster; every membership change bumps it (optimistic concurrency).
CREATE TABLE IF NOT EXISTS orleans_membership_version (
    cluster_id text        NOT NULL PRIMARY KEY,
    version    integer     NOT NULL DEFAULT 0,
    changed_at timestamptz NOT NULL DEFAULT now()
);

-- Clustering: one row per silo incarnation (address, port, generation).
CREATE TABLE IF NOT EXISTS orleans_membership (
    cluster_id      text        NOT NULL REFERENCES orleans_membership_version (cluster_id) ON DELETE CASCADE,
    address         varchar(45) NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer     NOT NULL DEFAULT 0,
    suspect_times   text        NULL,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (cluster_id, address, port, generation)
);

-- Grain state. The provider addresses a row by hashes plus the natural key; a missing key extension is stored
-- as '' so the natural key can be the primary key. A cleared state keeps its row (payload NULL) and its
-- version keeps counting, so an ETag is never issued twice.
CREATE TABLE IF NOT EXISTS orleans_grain_state (
    grain_id_hash   integer     NOT NULL,
    grain_type_hash integer     NOT NULL,
    service_id      text        NOT NULL,
    grain_type      text        NOT NULL,
    grain_id_n0     bigint      NOT NULL,
    grain_id_n1     bigint      NOT NULL,
    grain_id_ext    text        NOT NULL DEFAULT '',
    version         integer     NOT NULL,
    payload         bytea       NULL,
    modified_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (grain_id_hash, grain_type_hash, service_id, grain_id_n0, grain_id_n1, grain_type, grain_id_ext)
);

-- Reminders. grain_hash is the grain's uniform hash as a signed 32-bit integer (the providers' convention).
CREATE TABLE IF NOT EXISTS orleans_reminder (
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    grain_hash    integer     NOT NULL,
    start_time    timestamptz NOT NULL,
    period_ms     bigint      NOT NULL,
    version       integer     NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS ix_orleans_reminder_ring ON orleans_reminder (service_id, grain_hash);

-- The audit trail (README "Audit trail"): append-only, hash-chained entries per chain. Appends lock the chain's head
-- row (SELECT ... FOR UPDATE) in the transaction that inserts the entry, so the hosts of a cluster append in one
-- total order. Updates and deletes of entries are refused by a trigger.
CREATE TABLE IF NOT EXISTS cloudgov_audit_entry (
    chain         text   NOT NULL,
    seq           bigint NOT NULL,
    at_us         bigint NOT NULL,
    actor_subject text   NOT NULL,
    actor_role    text   NOT NULL,
    actor_tenant  text   NOT NULL,
    action        text   NOT NULL,
    targets       jsonb  NOT NULL,
    detail        jsonb  NOT NULL,
    reason        text   NOT NULL,
    prev_hash     text   NOT NULL,
    hash          text   NOT NULL,
    PRIMARY KEY (chain, seq)
);

CREATE INDEX IF NOT EXISTS ix_cloudgov_audit_entry_at ON cloudgov_audit_entry (chain, at_us);
CREATE INDEX IF NOT EXISTS ix_cloudgov_audit_entry_actor ON cloudgov_audit_entry (chain, actor_subject, seq);
CREATE INDEX IF NOT EXISTS ix_cloudgov_audit_entry_action ON cloudgov_audit_entry (chain, action, seq);
CREATE INDEX IF NOT EXISTS ix_cloudgov_audit_entry_hash ON cloudgov_audit_entry (chain, hash);
CREATE INDEX IF NOT EXISTS ix_cloudgov_audit_entry_targets ON cloudgov_audit_entry USING gin (targets);

CREATE TABLE IF NOT EXISTS cloudgov_audit_head (
    chain text   NOT NULL PRIMARY KEY,
    seq   bigint NOT NULL,
    hash  text   NOT NULL
);

CREATE OR REPLACE FUNCTION cloudgov_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION 'audit entries are append-only';
END;
$fn$;

CREATE OR REPLACE TRIGGER cloudgov_audit_entry_append_only
    BEFORE UPDATE OR DELETE ON cloudgov_audit_entry
    FOR EACH ROW EXECUTE FUNCTION cloudgov_audit_append_only();

-- The quota grain's state (README "Tenants and quota"): counters, one row per tenant and per retained request (bodies
-- in Orleans' serializer format), written in the same transaction as the audit entries of the decisions that changed
-- them, under the chain's head row lock.
CREATE TABLE IF NOT EXISTS cloudgov_quota_meta (
    chain        text   NOT NULL PRIMARY KEY,
    last_seq     bigint NOT NULL,
    tree_version bigint NOT NULL,
    modified_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS cloudgov_quota_tenant (
    chain     text  NOT NULL,
    tenant_id text  NOT NULL,
    body      bytea NOT NULL,
    PRIMARY KEY (chain, tenant_id)
);

CREATE TABLE IF NOT EXISTS cloudgov_quota_request (
    chain      text   NOT NULL,
    request_id text   NOT NULL,
    seq        bigint NOT NULL,
    body       bytea  NOT NULL,
    PRIMARY KEY (chain, request_id)
);
