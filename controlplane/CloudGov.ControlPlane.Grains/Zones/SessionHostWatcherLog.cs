namespace CloudGov.ControlPlane.Grains.Zones;

/// <summary>The session-host watcher's log events.</summary>
internal static partial class SessionHostWatcherLog
{
    [LoggerMessage(1, LogLevel.Information, "Silo(s) {Hosts} declared dead: ended the sessions of {Count} zone(s) active here that they served")]
    public static partial void Ended(ILogger logger, string hosts, int count);

    [LoggerMessage(2, LogLevel.Warning, "Silo(s) {Hosts} declared dead, but {Count} zone(s) could not be asked to end their sessions in {Attempts} attempts (first: {Zone}, {Type}: {Reason}); each zone's next activation checks again")]
    public static partial void Failed(ILogger logger, string hosts, int count, int attempts, string zone, string type, string reason);
}
