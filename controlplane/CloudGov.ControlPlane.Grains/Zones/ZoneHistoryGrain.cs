namespace CloudGov.ControlPlane.Grains.Zones;

/// <summary>One hour-of-day segment of a zone's usage history; each accepted sample is written before it is kept.</summary>
internal sealed class ZoneHistoryGrain(
    [PersistentState("zone-history", "store")] IPersistentState<ZoneHistoryState> storage,
    ILogger<ZoneHistoryGrain> logger) : Grain, IZoneHistoryGrain
{
    /// <inheritdoc />
    public async Task RecordAsync(ZoneUsageSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (ZoneHistorySegment.Add(storage.State.Samples, sample) is not { } next)
        {
            return;
        }

        try
        {
            await storage.WriteOrRestoreAsync(new ZoneHistoryState { Samples = next }, owner: this);
        }
        catch (Exception ex)
        {
            // One minute's point is missing from the chart; the zone's next minute tries again with a fresh sample.
            ZoneGrainLog.HistoryWriteFailed(logger, this.GetPrimaryKeyString(), ex);
        }
    }

    /// <inheritdoc />
    public Task<ImmutableArray<ZoneUsageSample>> ReadAsync(DateTimeOffset since) =>
        Task.FromResult(storage.State.Samples.IsDefault ? [] : storage.State.Samples.RemoveAll(s => s.At < since));
}
