using CloudGov.ControlPlane.Grpc;

namespace CloudGov.ControlPlane.Tests.Grpc;

/// <summary>A host's copy of the zone list follows the index's numbered pushes and notices every missed one.</summary>
public sealed class ZoneListViewTests
{
    private static readonly Guid Epoch = Guid.NewGuid();

    [Test]
    public void Apply_PushFollowingOn_AddsAndReplacesZonesInIdOrder()
    {
        var view = ZoneListView.From(new ZoneListSnapshot(Epoch, 4, [Zone("b", 1), Zone("d", 1)]));

        var (next, outcome) = view.Apply(new ZoneListDelta(Epoch, 4, 5, [Zone("d", 2), Zone("a", 1)]));

        Assert.That(outcome, Is.EqualTo(ZoneListPushOutcome.Applied));
        Assert.That(next.Sequence, Is.EqualTo(5));
        Assert.That(next.Zones.Select(z => (z.ZoneId, z.LastSequence)), Is.EqualTo(new[] { ("a", 1UL), ("b", 1UL), ("d", 2UL) }));
        Assert.That(view.Zones, Has.Length.EqualTo(2), "a reader holding the previous view keeps it unchanged");
    }

    [Test]
    public void Apply_PushMissing_ReportsGapAndKeepsView()
    {
        var view = ZoneListView.From(new ZoneListSnapshot(Epoch, 4, [Zone("b", 1)]));

        var (next, outcome) = view.Apply(new ZoneListDelta(Epoch, 5, 6, [Zone("c", 1)]));

        Assert.That(outcome, Is.EqualTo(ZoneListPushOutcome.Gap));
        Assert.That(next, Is.SameAs(view));
    }

    [Test]
    public void Apply_HeartbeatAfterMissedPush_ReportsGap()
    {
        // The last push before a quiet spell was lost: the next heartbeat names a later number than the copy holds.
        var view = ZoneListView.From(new ZoneListSnapshot(Epoch, 4, [Zone("b", 1)]));

        Assert.That(view.Apply(new ZoneListDelta(Epoch, 5, 5, [])).Outcome, Is.EqualTo(ZoneListPushOutcome.Gap));
        Assert.That(view.Apply(new ZoneListDelta(Epoch, 4, 4, [])).Outcome, Is.EqualTo(ZoneListPushOutcome.Heartbeat));
    }

    [Test]
    public void Apply_NewIndexActivation_ReportsGap()
    {
        var view = ZoneListView.From(new ZoneListSnapshot(Epoch, 4, [Zone("b", 1)]));

        Assert.That(view.Apply(new ZoneListDelta(Guid.NewGuid(), 0, 1, [Zone("c", 1)])).Outcome, Is.EqualTo(ZoneListPushOutcome.Gap));
    }

    [Test]
    public void Apply_PushArrivingAfterLaterRead_IsIgnored()
    {
        var view = ZoneListView.From(new ZoneListSnapshot(Epoch, 7, [Zone("b", 3)]));

        var (next, outcome) = view.Apply(new ZoneListDelta(Epoch, 5, 6, [Zone("b", 2)]));

        Assert.That(outcome, Is.EqualTo(ZoneListPushOutcome.Late));
        Assert.That(next.Zones.Single().LastSequence, Is.EqualTo(3UL), "an older summary never replaces a newer one");
    }

    [Test]
    public void IsSupersededBy_ReadOvertakenByPush_KeepsTheFurtherView()
    {
        var view = ZoneListView.From(new ZoneListSnapshot(Epoch, 7, [Zone("b", 3)]));

        Assert.Multiple(() =>
        {
            Assert.That(view.IsSupersededBy(new ZoneListSnapshot(Epoch, 6, [])), Is.False);
            Assert.That(view.IsSupersededBy(new ZoneListSnapshot(Epoch, 7, [])), Is.True);
            Assert.That(view.IsSupersededBy(new ZoneListSnapshot(Guid.NewGuid(), 0, [])), Is.True, "a new index activation starts over");
        });
    }

    private static ZoneSummary Zone(string id, ulong sequence) => new(
        id,
        new ZoneDescriptor("测试云区", AdministrativeLevel.City, "450100", "Test Vendor", ProviderKind.Simulated, MlpsLevel.Level3,
            NetworkPlane.EGovExtranet, 1.5, 1.0, ImmutableDictionary<string, string>.Empty, "1.0.0"),
        ZoneStatus.Ready,
        ResourceVector.Zero,
        ResourceVector.Zero,
        ResourceVector.Zero,
        0,
        AgentConnected: true,
        LastReportAt: null,
        sequence,
        LastReceivedAt: null);
}
