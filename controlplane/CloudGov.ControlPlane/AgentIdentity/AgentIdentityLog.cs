namespace CloudGov.ControlPlane.AgentIdentity;

/// <summary>Source-generated log messages of agent identity (mutual TLS).</summary>
internal static partial class AgentIdentityLog
{
    [LoggerMessage(1, LogLevel.Warning, "Agent TLS handshake refused for certificate serial {Serial}: {Reason}")]
    public static partial void HandshakeRefused(ILogger logger, string serial, string reason);

    [LoggerMessage(2, LogLevel.Information, "Revocation list {Path} loaded: {Count} revoked serial(s)")]
    public static partial void RevocationListLoaded(ILogger logger, string path, int count);

    [LoggerMessage(3, LogLevel.Warning, "Revocation list {Path}: {Count} line(s) are not hex serials and were skipped")]
    public static partial void RevocationLinesSkipped(ILogger logger, string path, int count);

    [LoggerMessage(4, LogLevel.Error, "Revocation list {Path} could not be read ({Reason}); the previous list stays in force")]
    public static partial void RevocationListUnreadable(ILogger logger, string path, string reason);

    [LoggerMessage(5, LogLevel.Warning, "Agent stream of zone {ZoneId} ended: its certificate {Serial} was revoked")]
    public static partial void RevokedStreamEnded(ILogger logger, string zoneId, string serial);

    [LoggerMessage(6, LogLevel.Information, "Agent endpoint server certificate {Path} loaded (serial {Serial}, valid until {NotAfter:u})")]
    public static partial void ServerCertificateLoaded(ILogger logger, string path, string serial, DateTime notAfter);

    [LoggerMessage(7, LogLevel.Error, "Agent endpoint server certificate {Path} could not be re-read ({Reason}); serving the previous one")]
    public static partial void ServerCertificateUnreadable(ILogger logger, string path, string reason);

    [LoggerMessage(8, LogLevel.Warning, "ControlPlane:AllowPlaintextAgents is on: agents may connect without TLS on the gRPC port {Port} and claim any zone. Development only; never in production")]
    public static partial void PlaintextAgentsAllowed(ILogger logger, int port);

    [LoggerMessage(9, LogLevel.Information, "Agent endpoint (mutual TLS) listening on port {Port}; trusting the CA in {Directory}")]
    public static partial void AgentEndpointListening(ILogger logger, int port, string directory);
}
