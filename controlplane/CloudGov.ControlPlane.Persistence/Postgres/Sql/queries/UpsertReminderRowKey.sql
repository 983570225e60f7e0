-- Creates or replaces a reminder; every change gets a new version, returned as the reminder's ETag.
INSERT INTO orleans_reminder (service_id, grain_id, reminder_name, grain_hash, start_time, period_ms, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @GrainHash, @StartTime, @Period, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET grain_hash = EXCLUDED.grain_hash,
    start_time = EXCLUDED.start_time,
    period_ms  = EXCLUDED.period_ms,
    version    = orleans_reminder.version + 1
RETURNING version AS "Version";
