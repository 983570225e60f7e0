-- Creates the cluster's version row; true when this call created it.
WITH created AS (
    INSERT INTO orleans_membership_version (cluster_id, version)
    VALUES (@DeploymentId, 0)
    ON CONFLICT (cluster_id) DO NOTHING
    RETURNING 1
)
SELECT count(*) > 0 FROM created;
