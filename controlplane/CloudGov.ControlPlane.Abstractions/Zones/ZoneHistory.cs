namespace CloudGov.ControlPlane.Abstractions.Zones;

/// <summary>
/// The bounds and keys of a zone's usage history: one sample per minute, kept <see cref="Retention"/>, in
/// <see cref="Segments"/> hour-of-day segment grains per zone (key <c>{zoneId}/{hour:00}</c>), so each write stores at most
/// one hour of samples and the history never grows beyond 24 segments per zone, whatever the uptime.
/// </summary>
public static class ZoneHistory
{
    /// <summary>How long samples are kept.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>The resolution: one sample per this period.</summary>
    public static readonly TimeSpan Resolution = TimeSpan.FromMinutes(1);

    /// <summary>Segment grains per zone (one per hour of the day).</summary>
    public const int Segments = 24;

    /// <summary>The most samples one segment holds.</summary>
    public const int SamplesPerSegment = 60;

    /// <summary>The start of the minute <paramref name="at"/> falls in (UTC).</summary>
    public static DateTimeOffset Minute(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, TimeSpan.Zero);
    }

    /// <summary>The key of the segment grain that holds <paramref name="zoneId"/>'s samples of the hour of <paramref name="at"/>.</summary>
    public static string SegmentKey(string zoneId, DateTimeOffset at) => SegmentKey(zoneId, at.ToUniversalTime().Hour);

    /// <summary>The key of <paramref name="zoneId"/>'s segment for hour-of-day <paramref name="hour"/> (0–23).</summary>
    public static string SegmentKey(string zoneId, int hour) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{zoneId}/{hour:00}");
}
