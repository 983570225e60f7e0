using Microsoft.Extensions.Logging;

namespace CloudGov.ControlPlane.Security;

/// <summary>The identity component's log lines (no token, key or claim value is ever logged).</summary>
internal sealed partial class IdentityLog(ILogger<IdentityLog> logger)
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Refused {Method}: {Reason}")]
    public partial void Unauthenticated(string method, string reason);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Denied {Method} to {Subject}: {Reason}")]
    public partial void Denied(string method, string subject, string reason);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Rate limit reached by {Subject} on {Method}")]
    public partial void RateLimited(string subject, string method);
}
