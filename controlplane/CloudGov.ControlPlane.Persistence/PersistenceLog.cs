using Microsoft.Extensions.Logging;

namespace CloudGov.ControlPlane.Persistence;

/// <summary>Source-generated log messages of the persistence component.</summary>
internal static partial class PersistenceLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Opened SQLite store {Path} (WAL, synchronous={Synchronous})")]
    public static partial void SqliteOpened(ILogger logger, string path, string synchronous);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "SQLite write batch of {Count} on {Path} failed and was rolled back")]
    public static partial void SqliteBatchFailed(ILogger logger, Exception exception, string path, int count);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Rolling back a failed SQLite batch on {Path} failed")]
    public static partial void SqliteRollbackFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "Grain storage {Provider}: writing state {StateName} of {GrainId} failed")]
    public static partial void GrainStateWriteFailed(ILogger logger, Exception exception, string provider, string stateName, string grainId);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Grain storage {Provider}: {Operation} of state {StateName} of {GrainId} with ETag {ETag} conflicts with stored ETag {StoredETag}")]
    public static partial void GrainStateConflict(ILogger logger, string provider, string operation, string stateName, string grainId, string? eTag, string? storedETag);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "Applying the PostgreSQL schema (version {Version})")]
    public static partial void PostgresSchemaApplying(ILogger logger, int version);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Information, Message = "PostgreSQL schema at version {Version}; {QueryCount} Orleans queries installed")]
    public static partial void PostgresSchemaApplied(ILogger logger, int version, int queryCount);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Warning, Message = "Applying the PostgreSQL schema failed (attempt {Attempt}); retrying in {Delay}")]
    public static partial void PostgresSchemaRetry(ILogger logger, Exception exception, int attempt, TimeSpan delay);
}
