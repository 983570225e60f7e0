-- Changes a silo's status and suspicions only if the caller saw the current table version; bumps it.
WITH expected AS (
    SELECT cluster_id
    FROM orleans_membership_version
    WHERE cluster_id = @DeploymentId AND version = @Version AND version < 2147483647
    FOR UPDATE
), changed AS (
    UPDATE orleans_membership AS m
    SET status = @Status,
        suspect_times = @SuspectTimes,
        i_am_alive_time = GREATEST(m.i_am_alive_time, @IAmAliveTime)
    FROM expected
    WHERE m.cluster_id = expected.cluster_id
      AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    RETURNING m.cluster_id
), bumped AS (
    UPDATE orleans_membership_version AS v
    SET version = v.version + 1, changed_at = now()
    FROM changed
    WHERE v.cluster_id = changed.cluster_id
    RETURNING 1
)
SELECT count(*) > 0 FROM bumped;
