-- Adds a silo row only if the caller saw the current table version, and bumps the version in the same
-- statement. Concurrent callers with the same version serialize on the version row; the loser sees the new
-- version when FOR UPDATE re-checks its condition, inserts nothing and gets false.
WITH expected AS (
    SELECT cluster_id
    FROM orleans_membership_version
    WHERE cluster_id = @DeploymentId AND version = @Version AND version < 2147483647
    FOR UPDATE
), added AS (
    INSERT INTO orleans_membership
        (cluster_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time)
    SELECT cluster_id, @Address, @Port, @Generation, COALESCE(@SiloName, ''), COALESCE(@HostName, ''),
           @Status, COALESCE(@ProxyPort, 0), @StartTime, @IAmAliveTime
    FROM expected
    ON CONFLICT (cluster_id, address, port, generation) DO NOTHING
    RETURNING cluster_id
), bumped AS (
    UPDATE orleans_membership_version AS v
    SET version = v.version + 1, changed_at = now()
    FROM added
    WHERE v.cluster_id = added.cluster_id
    RETURNING 1
)
SELECT count(*) > 0 FROM bumped;
