namespace CloudGov.ControlPlane.Abstractions.Zones;

/// <summary>
/// A host's copy of the zone list, fed by the one-cloud index (<see cref="IOneCloudIndexGrain.SubscribeAsync"/>): once per
/// index tick it hears what changed since the previous push, or a heartbeat when nothing did.
/// </summary>
[Alias("cloudgov.IZoneListObserver")]
public interface IZoneListObserver : IGrainObserver
{
    /// <summary>The zones changed since <see cref="ZoneListDelta.PreviousSequence"/> (one-way: the index never waits on a host).</summary>
    [Orleans.Concurrency.OneWay, Alias("Changed")]
    Task ZonesChangedAsync(ZoneListDelta delta);
}
