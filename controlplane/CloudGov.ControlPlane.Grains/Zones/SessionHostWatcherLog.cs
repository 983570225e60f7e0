namespace CloudGov.ControlPlane.Grains.Zones;

/// <summary>The session-host watcher's log events.</summary>
internal static partial class SessionHostWatcherLog
{
    [LoggerMessage(1, LogLevel.Information, "Silo(s) {Hosts} declared dead: asked the {Asked} zone(s) {Which}; {Count} had a session they served, now ended")]
    public static partial void Ended(ILogger logger, string hosts, int count, int asked, string which);

    [LoggerMessage(2, LogLevel.Warning, "Silo(s) {Hosts} declared dead, but {Count} zone(s) could not be asked to end their sessions in {Attempts} attempts (first: {Zone}, {Type}: {Reason}); each zone's next activation checks again")]
    public static partial void Failed(ILogger logger, string hosts, int count, int attempts, string zone, string type, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Silo(s) {Hosts} declared dead, but the one-cloud index could not be read in {Attempts} attempts ({Type}: {Reason}); the zones it lists through them were not asked (those active on a live silo were, by that silo), and each other zone's next activation checks")]
    public static partial void IndexUnread(ILogger logger, string hosts, int attempts, string type, string reason);
}
