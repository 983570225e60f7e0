using CloudGov.ControlPlane.Abstractions.Tenants;

namespace CloudGov.ControlPlane.Grains.Tenants;

/// <summary>The tenant and quota area's log lines.</summary>
internal static partial class TenantQuotaLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Quota decision {Kind} for tenant {TenantId} (request {RequestId}) by {By}, rule {Rule}: {Reason}")]
    public static partial void Decided(ILogger logger, string kind, string tenantId, string requestId, string by, string rule, string reason);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Quota journal commit failed; {Count} uncommitted decision(s) were dropped and their callers told to retry")]
    public static partial void WriteFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "A quota decision sink failed")]
    public static partial void SinkFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Seeded {Count} tenant(s) from configuration")]
    public static partial void Seeded(ILogger logger, int count);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Configured tenant {TenantId} was not seeded: {Reason}")]
    public static partial void SeedSkipped(ILogger logger, string tenantId, string reason);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Could not seed the tenants from configuration")]
    public static partial void SeedFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information, Message = "Quota state of the previous release ({Tenants} tenant(s), {Requests} request(s)) copied from its single row into the quota journal")]
    public static partial void Imported(ILogger logger, int tenants, int requests);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Information, Message = "Tenant change {Kind} for tenant {TenantId} by {By}: {Reason}")]
    public static partial void TenantChanged(ILogger logger, string kind, string tenantId, string by, string reason);

    /// <summary>Logs a decision: a quota request's with its request and rule, a tenant change (no request, no rule) without them.</summary>
    public static void Decided(ILogger logger, QuotaDecision d)
    {
        if (string.IsNullOrEmpty(d.RequestId) && string.IsNullOrEmpty(d.Rule))
        {
            TenantChanged(logger, d.Kind, d.TenantId, d.By, d.Reason);
        }
        else
        {
            Decided(logger, d.Kind, d.TenantId, d.RequestId, d.By, d.Rule, d.Reason);
        }
    }
}
