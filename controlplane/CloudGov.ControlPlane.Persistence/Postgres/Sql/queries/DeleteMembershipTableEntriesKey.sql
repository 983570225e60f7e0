-- Forgets a cluster: the silo rows go with the version row (ON DELETE CASCADE).
DELETE FROM orleans_membership_version WHERE cluster_id = @DeploymentId;
