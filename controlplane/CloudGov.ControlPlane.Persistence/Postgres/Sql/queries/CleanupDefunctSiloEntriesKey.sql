-- Prunes dead silos (status 6) that have been silent, and unsuspected, since before the cutoff.
DELETE FROM orleans_membership
WHERE cluster_id = @DeploymentId
  AND status = 6
  AND i_am_alive_time < @IAmAliveTime
  AND start_time < @IAmAliveTime
  AND COALESCE(suspect_times, '') = '';
