namespace CloudGov.ControlPlane.Grpc;

/// <summary>Source-generated log messages of this host's copy of the zone list.</summary>
internal static partial class ZoneListLog
{
    [LoggerMessage(1, LogLevel.Warning, "Could not read the zone list from the one-cloud index; serving the previous copy and trying again")]
    public static partial void ReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(2, LogLevel.Debug, "A push of the zone list was missed (this copy holds push {Held}, the index sent {Previous} → {Sequence}); reading the whole list again")]
    public static partial void Gap(ILogger logger, long held, long previous, long sequence);

    [LoggerMessage(3, LogLevel.Debug, "Could not end this host's zone-list subscription while stopping; it lapses on its own")]
    public static partial void UnsubscribeFailed(ILogger logger, Exception exception);
}
