using Grpc.Core;

namespace CloudGov.Agent;

/// <summary>Source-generated log messages of the agent.</summary>
internal static partial class AgentLog
{
    [LoggerMessage(1, LogLevel.Information, "Zone {ZoneId} agent connected to {Address}; control plane has up to sequence {Sequence}; {Backlog} report(s) to re-send")]
    public static partial void Connected(ILogger logger, string zoneId, Uri address, ulong sequence, int backlog);

    [LoggerMessage(2, LogLevel.Warning, "Zone {ZoneId} agent session ended: {Reason}; reconnecting")]
    public static partial void SessionFailed(ILogger logger, string zoneId, string reason);

    [LoggerMessage(3, LogLevel.Error, "Zone {ZoneId} agent rejected by the control plane ({Code}): {Detail}")]
    public static partial void Rejected(ILogger logger, string zoneId, StatusCode code, string detail);

    [LoggerMessage(4, LogLevel.Information, "Zone {ZoneId} command {CommandId} was already carried out; answering with its first outcome")]
    public static partial void DuplicateCommand(ILogger logger, string zoneId, string commandId);

    [LoggerMessage(5, LogLevel.Warning, "Zone {ZoneId} could not be observed: {Reason}; trying again next interval")]
    public static partial void ObservationFailed(ILogger logger, string zoneId, string reason);

    [LoggerMessage(6, LogLevel.Information, "Zone {ZoneId} simulated: {Count} workload(s) loaded from its state file {Path}")]
    public static partial void ZoneStateLoaded(ILogger logger, string zoneId, int count, string path);

    [LoggerMessage(7, LogLevel.Information, "Zone {ZoneId} simulated: {Count} workload(s) seeded; the zone is kept in {Path} from now on")]
    public static partial void ZoneStateSeeded(ILogger logger, string zoneId, int count, string path);

    [LoggerMessage(8, LogLevel.Error, "Zone {ZoneId} simulated: could not save its state file {Path}: {Reason}; the command fails and the zone is unchanged")]
    public static partial void ZoneStateSaveFailed(ILogger logger, string zoneId, string path, string reason);

    [LoggerMessage(20, LogLevel.Information, "Zone {ZoneId}: control-plane host {Address} is stopping; reconnecting to {Next} at once")]
    public static partial void HostStopping(ILogger logger, string zoneId, Uri address, Uri next);
    [LoggerMessage(9, LogLevel.Information, "Zone {ZoneId} agent certificate loaded: serial {Serial}, valid until {NotAfter:u}; used from the next connection")]
    public static partial void CertificateLoaded(ILogger logger, string zoneId, string serial, DateTime notAfter);

    [LoggerMessage(10, LogLevel.Warning, "Zone {ZoneId} agent certificate {Path} could not be re-read ({Reason}); keeping the previous one")]
    public static partial void CertificateReloadFailed(ILogger logger, string zoneId, string path, string reason);

    [LoggerMessage(11, LogLevel.Error, "Zone {ZoneId} agent refused the control plane's server certificate: {Reason}")]
    public static partial void ServerCertificateRefused(ILogger logger, string zoneId, string reason);
}
