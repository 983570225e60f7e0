namespace CloudGov.ControlPlane.Grpc;

/// <summary>Source-generated log messages of the wire boundary.</summary>
internal static partial class WireBoundaryLog
{
    [LoggerMessage(1, LogLevel.Warning, "Rejected a malformed call from {Peer} to {Method}: {Status} \"{Detail}\"; {Suppressed} more from this peer in the previous {WindowSeconds} s were not logged")]
    public static partial void Rejected(ILogger logger, string peer, string method, string status, string detail, int suppressed, int windowSeconds);

    [LoggerMessage(2, LogLevel.Information, "Refused a call from {Peer} to {Method} because a limit or quota was reached (the call itself was well formed): {Status} \"{Detail}\"; {Suppressed} more from this peer in the previous {WindowSeconds} s were not logged")]
    public static partial void LimitReached(ILogger logger, string peer, string method, string status, string detail, int suppressed, int windowSeconds);
}
