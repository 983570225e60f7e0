-- Heartbeat. Never moves the time backwards.
UPDATE orleans_membership
SET i_am_alive_time = GREATEST(i_am_alive_time, @IAmAliveTime)
WHERE cluster_id = @DeploymentId
  AND address = @Address AND port = @Port AND generation = @Generation;
