-- Clears grain state by keeping a tombstone (payload NULL, next version). Returns the new version; on a stale
-- version it returns the caller's own version, which the provider reports as a conflict.
WITH cleared AS (
    UPDATE orleans_grain_state
    SET payload = NULL, version = version + 1, modified_at = now()
    WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_type = @GrainTypeString AND grain_id_ext = COALESCE(@GrainIdExtensionString, '')
      AND version = @GrainStateVersion
    RETURNING version
)
SELECT COALESCE((SELECT version FROM cleared), @GrainStateVersion) AS "NewGrainStateVersion";
