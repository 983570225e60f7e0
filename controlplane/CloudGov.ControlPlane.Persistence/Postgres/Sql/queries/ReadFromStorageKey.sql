-- One grain state row; no row means "never written". Payload NULL means "cleared".
SELECT payload     AS "PayloadBinary",
       NULL::text  AS "PayloadJson",
       NULL::text  AS "PayloadXml",
       version     AS "Version"
FROM orleans_grain_state
WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_type = @GrainTypeString AND grain_id_ext = COALESCE(@GrainIdExtensionString, '');
