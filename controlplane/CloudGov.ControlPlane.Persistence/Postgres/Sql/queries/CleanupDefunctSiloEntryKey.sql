-- Prunes one dead silo row, only if it is still exactly as the caller read it.
DELETE FROM orleans_membership
WHERE cluster_id = @DeploymentId
  AND address = @Address AND port = @Port AND generation = @Generation
  AND status = 6
  AND start_time = @StartTime
  AND i_am_alive_time = @IAmAliveTime
  AND COALESCE(suspect_times, '') = COALESCE(@SuspectTimes, '');
