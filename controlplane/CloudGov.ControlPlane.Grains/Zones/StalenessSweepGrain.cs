namespace CloudGov.ControlPlane.Grains.Zones;

/// <summary>The cluster-wide staleness sweep: asks each zone the index finds silent to move itself to Unreachable.</summary>
internal sealed class StalenessSweepGrain(
    IOptions<ZoneOptions> options,
    ControlPlaneClock clock,
    ILogger<StalenessSweepGrain> logger) : Grain, IStalenessSweepGrain
{
    /// <inheritdoc />
    public async Task<int> SweepAsync()
    {
        var zones = await GrainFactory.GetGrain<IOneCloudIndexGrain>(0).ListAsync();
        var now = clock.UtcNow;
        var stale = zones
            .Where(z => z.Status != ZoneStatus.Unreachable && z.EffectiveStatus(now, options.Value.StalenessWindow) == ZoneStatus.Unreachable)
            .Select(z => GrainFactory.GetGrain<IZoneGrain>(z.ZoneId).CheckStalenessAsync())
            .ToList();
        var statuses = await Task.WhenAll(stale);
        int moved = statuses.Count(s => s == ZoneStatus.Unreachable);
        if (moved > 0)
        {
            ZoneGrainLog.Swept(logger, moved);
        }

        return moved;
    }
}
