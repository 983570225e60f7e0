using System.Collections.Concurrent;

namespace CloudGov.ControlPlane.Grains.Zones;

/// <summary>
/// The zone grains active on this silo: each registers as it activates and leaves as it deactivates. The
/// <see cref="SessionHostWatcher"/> asks exactly these when a silo is declared dead — the silo's own knowledge, so no
/// zone is missed because another record (the one-cloud index, itself in memory on some silo) lost or never had it.
/// </summary>
internal sealed class LocalZoneActivations
{
    private readonly ConcurrentDictionary<string, int> _zones = new(StringComparer.Ordinal);

    /// <summary>A zone grain began activating here.</summary>
    public void Activated(string zoneId) => _zones.AddOrUpdate(zoneId, 1, static (_, count) => count + 1);

    /// <summary>A zone grain's activation here ended (deactivated, or its activation failed).</summary>
    public void Deactivated(string zoneId)
    {
        while (_zones.TryGetValue(zoneId, out int count))
        {
            if (count <= 1 ? _zones.TryRemove(new KeyValuePair<string, int>(zoneId, count)) : _zones.TryUpdate(zoneId, count - 1, count))
            {
                return;
            }
        }
    }

    /// <summary>The zones active here now, in id order.</summary>
    public ImmutableArray<string> Snapshot() => [.. _zones.Keys.Order(StringComparer.Ordinal)];
}
