using CloudGov.ControlPlane.Grains.Ledger;

namespace CloudGov.ControlPlane.Grains.Plans;

/// <summary>
/// Reads the one cloud as the scheduler needs it: every zone's summary (the one-cloud index, refreshed from each
/// reported zone's grain) and every ledger record (one call per shard), mapped by <see cref="SnapshotMapper"/>. The
/// scheduler's constraints come from the ledger only. Shared by the rebalancer, placement and plan approval.
/// </summary>
internal static class OneCloudSnapshotReader
{
    /// <summary>Reads the index, the zones and the ledger and builds the snapshot as of <paramref name="now"/>.</summary>
    public static async Task<OneCloudReading> ReadAsync(IGrainFactory grains, DateTimeOffset now, TimeSpan stalenessWindow, double defaultTargetUtilization)
    {
        var indexed = await grains.GetGrain<IOneCloudIndexGrain>(0).ListAsync();
        var summaries = Task.WhenAll(indexed.Where(z => !z.Capacity.IsZero).Select(z => grains.GetGrain<IZoneGrain>(z.ZoneId).GetSummaryAsync()));
        var shards = Task.WhenAll(LedgerShards.All(grains).Select(s => s.SnapshotAsync()));

        // The zone grains' own summaries are fresher than the index's (which may lag by Zones:IndexPublishInterval).
        var fresh = (await summaries).Where(s => s is not null).ToDictionary(s => s!.ZoneId, s => s!, StringComparer.Ordinal);
        ImmutableArray<ZoneSummary> zones = [.. indexed.Select(z => fresh.GetValueOrDefault(z.ZoneId) ?? z)];
        var records = ImmutableArray.CreateBuilder<WorkloadRecord>();
        foreach (var shard in await shards)
        {
            records.AddRange(shard);
        }

        var all = records.ToImmutable();
        var skipped = new List<string>();
        try
        {
            var snapshot = SnapshotMapper.Map(zones, all, now, stalenessWindow, defaultTargetUtilization, skipped);
            return new OneCloudReading(zones, all, snapshot, string.Empty, [.. skipped]);
        }
        catch (ArgumentException ex)
        {
            // The mapper skips what it cannot use; should the snapshot still be inconsistent, callers say so instead of failing.
            return new OneCloudReading(zones, all, null, WireText.Excerpt(ex.Message, 512), [.. skipped]);
        }
    }
}
