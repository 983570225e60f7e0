using CloudGov.Scheduling.Model;

namespace CloudGov.ControlPlane.Grains.Plans;

/// <summary>
/// Reads the one cloud as the scheduler needs it: every zone's summary from the one-cloud index, the workloads of
/// every zone that has reported (one call per such zone grain, whose up-to-date summary replaces the index's), mapped
/// by <see cref="SnapshotMapper"/>. Shared by the
/// rebalancer and placement, so both see the same cloud.
/// </summary>
internal static class OneCloudSnapshotReader
{
    /// <summary>Reads the index and the reported zones' workloads and builds the snapshot as of <paramref name="now"/>.</summary>
    public static async Task<OneCloudReading> ReadAsync(IGrainFactory grains, DateTimeOffset now, TimeSpan stalenessWindow, double defaultTargetUtilization)
    {
        var indexed = await grains.GetGrain<IOneCloudIndexGrain>(0).ListAsync();
        var details = await Task.WhenAll(indexed.Where(z => !z.Capacity.IsZero).Select(z => grains.GetGrain<IZoneGrain>(z.ZoneId).GetAsync()));

        // The zone grains' own summaries are fresher than the index's (which may lag by Zones:IndexPublishInterval).
        var fresh = details.Where(d => d is not null).ToDictionary(d => d!.Summary.ZoneId, d => d!.Summary, StringComparer.Ordinal);
        ImmutableArray<ZoneSummary> zones = [.. indexed.Select(z => fresh.GetValueOrDefault(z.ZoneId) ?? z)];
        var workloads = details.Where(d => d is not null).ToDictionary(d => d!.Summary.ZoneId, d => d!.Workloads, StringComparer.Ordinal);
        var placedAt = details.Where(d => d?.PlacedAt is not null).ToDictionary(d => d!.Summary.ZoneId, d => d!.PlacedAt!, StringComparer.Ordinal);
        try
        {
            var snapshot = SnapshotMapper.Map(zones, workloads, now, stalenessWindow, defaultTargetUtilization, placedAt);
            return new OneCloudReading(zones, workloads, snapshot, string.Empty);
        }
        catch (ArgumentException ex)
        {
            // Agent input is validated at the gateway; should a report still be inconsistent, callers say so instead of failing.
            return new OneCloudReading(zones, workloads, null, ex.Message);
        }
    }
}
