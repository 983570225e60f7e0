using CloudGov.ControlPlane.Abstractions.Zones;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>
/// One host's copy of the zone list as of push <see cref="Sequence"/> of index activation <see cref="Epoch"/>: the zones by
/// id and, ready to serve, ordered by id. Immutable: a push makes a new view, readers keep whichever they took.
/// </summary>
internal sealed class ZoneListView
{
    private ZoneListView(Guid epoch, long sequence, ImmutableSortedDictionary<string, ZoneSummary> byId)
    {
        Epoch = epoch;
        Sequence = sequence;
        ById = byId;
        Zones = [.. byId.Values];
    }

    /// <summary>The index activation this view follows.</summary>
    public Guid Epoch { get; }

    /// <summary>The last push this view holds.</summary>
    public long Sequence { get; }

    /// <summary>Every zone, ordered by zone id (ordinal).</summary>
    public ImmutableArray<ZoneSummary> Zones { get; }

    private ImmutableSortedDictionary<string, ZoneSummary> ById { get; }

    /// <summary>The view a whole list read from the index makes.</summary>
    public static ZoneListView From(ZoneListSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var byId = ImmutableSortedDictionary.CreateBuilder<string, ZoneSummary>(StringComparer.Ordinal);
        foreach (var zone in snapshot.Zones)
        {
            byId[zone.ZoneId] = zone;
        }

        return new ZoneListView(snapshot.Epoch, snapshot.Sequence, byId.ToImmutable());
    }

    /// <summary>
    /// Whether a whole list read from the index should replace this view: always, except when this view already follows
    /// the same activation further (a push overtook the read on its way back).
    /// </summary>
    public bool IsSupersededBy(ZoneListSnapshot snapshot) =>
        snapshot.Epoch != Epoch || snapshot.Sequence >= Sequence;

    /// <summary>
    /// Applies a push: the changed zones when it follows on from this view; nothing when it is a heartbeat or arrives late;
    /// <see cref="ZoneListPushOutcome.Gap"/> (this view unchanged) when a push is missing or the index was re-activated.
    /// </summary>
    public (ZoneListView View, ZoneListPushOutcome Outcome) Apply(ZoneListDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        if (delta.Epoch != Epoch)
        {
            return (this, ZoneListPushOutcome.Gap);
        }

        if (delta.PreviousSequence == Sequence)
        {
            if (delta.Sequence == Sequence)
            {
                return (this, ZoneListPushOutcome.Heartbeat);
            }

            var byId = ById.ToBuilder();
            foreach (var zone in delta.Changed)
            {
                byId[zone.ZoneId] = zone;
            }

            return (new ZoneListView(Epoch, delta.Sequence, byId.ToImmutable()), ZoneListPushOutcome.Applied);
        }

        return delta.Sequence <= Sequence ? (this, ZoneListPushOutcome.Late) : (this, ZoneListPushOutcome.Gap);
    }
}
