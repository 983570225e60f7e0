namespace CloudGov.ControlPlane.Abstractions.Zones;

/// <summary>
/// One hour-of-day segment of a zone's usage history (key <see cref="ZoneHistory.SegmentKey(string, int)"/>), fed once a
/// minute by the zone grain and stored durably, so the history survives a restart. A sample of a newer day replaces
/// the older day's samples in the segment.
/// </summary>
[Alias("cloudgov.IZoneHistoryGrain")]
public interface IZoneHistoryGrain : IGrainWithStringKey
{
    /// <summary>Stores one minute's sample (one-way: the zone grain never waits on its history); a repeated minute keeps the first.</summary>
    [Orleans.Concurrency.OneWay, Alias("Record")]
    Task RecordAsync(ZoneUsageSample sample);

    /// <summary>The segment's samples not older than <paramref name="since"/>, oldest first.</summary>
    [Orleans.Concurrency.ReadOnly, Alias("Read")]
    Task<ImmutableArray<ZoneUsageSample>> ReadAsync(DateTimeOffset since);
}
