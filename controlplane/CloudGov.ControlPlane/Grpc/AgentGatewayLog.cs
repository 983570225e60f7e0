namespace CloudGov.ControlPlane.Grpc;

/// <summary>Source-generated log messages of the agent gateway.</summary>
internal static partial class AgentGatewayLog
{
    [LoggerMessage(1, LogLevel.Information, "Agent for zone {ZoneId} connected from {Peer}; resumes after sequence {Sequence}")]
    public static partial void Connected(ILogger logger, string zoneId, string peer, ulong sequence);

    [LoggerMessage(2, LogLevel.Information, "Agent for zone {ZoneId} disconnected")]
    public static partial void Disconnected(ILogger logger, string zoneId);

    [LoggerMessage(40, LogLevel.Warning, "Could not refresh the ledger's counts; serving the previous reading")]
    public static partial void LedgerCountsRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(3, LogLevel.Warning, "Could not record that the agent for zone {ZoneId} disconnected")]
    public static partial void DisconnectNotRecorded(ILogger logger, string zoneId, Exception exception);

    [LoggerMessage(4, LogLevel.Debug, "Zone {ZoneId} command {CommandId} finished; succeeded: {Succeeded}")]
    public static partial void CommandResult(ILogger logger, string zoneId, string commandId, bool succeeded);
}
