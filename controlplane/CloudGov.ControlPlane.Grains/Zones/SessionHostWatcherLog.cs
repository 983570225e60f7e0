namespace CloudGov.ControlPlane.Grains.Zones;

/// <summary>Source-generated log messages of the <see cref="SessionHostWatcher"/>.</summary>
internal static partial class SessionHostWatcherLog
{
    [LoggerMessage(1, LogLevel.Information, "Silo(s) {Hosts} declared dead: ended the sessions of {Count} zone(s) they served")]
    public static partial void Ended(ILogger logger, string hosts, int count);

    [LoggerMessage(2, LogLevel.Warning, "Silo(s) {Hosts} declared dead, but their zones' sessions could not all be ended ({Type}: {Reason}); each zone's next activation checks again")]
    public static partial void Failed(ILogger logger, string hosts, string type, string reason);
}
