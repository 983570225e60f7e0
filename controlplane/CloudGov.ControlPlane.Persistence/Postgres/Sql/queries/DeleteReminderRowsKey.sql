-- Removes every reminder of the service.
DELETE FROM orleans_reminder WHERE service_id = @ServiceId;
