using System.Collections.Concurrent;
using CloudGov.ControlPlane.Grains.Zones;
using CloudGov.ControlPlane.Grpc;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static CloudGov.ControlPlane.Tests.Zones.ZoneRecords;

namespace CloudGov.ControlPlane.Tests.Zones;

/// <summary>
/// Each host's copy of the zone list: the index pushes numbered changes once per tick, the copy follows them without
/// re-reading, and a missed push or a lost subscription is healed by reading the whole list again.
/// </summary>
public sealed class ZoneListReplicaTests
{
    private static readonly TimeSpan Resync = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Subscribe_Registrations_PushedAsOneChainOfNumberedChanges()
    {
        var index = ZoneClusterFixture.Grains.GetGrain<IOneCloudIndexGrain>(0);
        var observer = new RecordingObserver();
        var reference = ZoneClusterFixture.Grains.CreateObjectReference<IZoneListObserver>(observer);
        try
        {
            var snapshot = await index.SubscribeAsync(reference);
            var ids = Enumerable.Range(0, 50).Select(_ => NewZoneId("push")).ToList();

            await Task.WhenAll(ids.Select(id => ZoneClusterFixture.Grains.GetGrain<IZoneGrain>(id).RegisterAsync(Descriptor(), Guid.NewGuid())));

            await Testing.Eventually.HoldsAsync(
                () => ids.All(id => observer.Deltas.Any(d => d.Changed.Any(z => z.ZoneId == id))),
                "all 50 new zones pushed to the subscribed host");
            var deltas = observer.Deltas.ToArray();
            var changes = deltas.Where(d => d.Sequence != d.PreviousSequence).ToArray();
            Assert.Multiple(() =>
            {
                Assert.That(deltas.Select(d => d.Epoch), Is.All.EqualTo(snapshot.Epoch));
                Assert.That(changes[0].PreviousSequence, Is.EqualTo(snapshot.Sequence), "the first push follows on from the read");
                Assert.That(changes.Zip(changes.Skip(1)).All(p => p.Second.PreviousSequence == p.First.Sequence), Is.True, "consecutive numbers, no gap");
                Assert.That(changes, Has.Length.LessThan(ids.Count / 5), "50 registrations travel in a few pushes (one per index tick), not one each");
            });
        }
        finally
        {
            await index.UnsubscribeAsync(reference);
            ZoneClusterFixture.Grains.DeleteObjectReference<IZoneListObserver>(reference);
        }
    }

    [Test]
    public async Task Replica_ZoneRegisteredAfterFirstRead_ArrivesByPushWithoutReread()
    {
        var replica = NewReplica(new FakeTimeProvider());
        await replica.StartAsync(CancellationToken.None);
        try
        {
            await replica.GetAsync();
            var id = NewZoneId("pushed");

            await ZoneClusterFixture.Grains.GetGrain<IZoneGrain>(id).RegisterAsync(Descriptor(), Guid.NewGuid());

            await Testing.Eventually.HoldsAsync(async () => (await replica.GetAsync()).Any(z => z.ZoneId == id), "the new zone in this host's copy");
            Assert.That(replica.Reads, Is.EqualTo(1), "the zone came by push: the whole list was read once, at start");
        }
        finally
        {
            await replica.StopAsync(CancellationToken.None);
        }
    }

    [Test]
    public async Task Replica_PushMissed_ReadsWholeListAgainAndFollowsOn()
    {
        var replica = NewReplica(new FakeTimeProvider());
        await replica.StartAsync(CancellationToken.None);
        try
        {
            await replica.GetAsync();
            long held = replica.Sequence;
            var index = ZoneClusterFixture.Grains.GetGrain<IOneCloudIndexGrain>(0);
            var epoch = (await index.SubscribeAsync(replica.Reference!)).Epoch;

            // The push after the one this copy holds never came; the next one does.
            await replica.ZonesChangedAsync(new ZoneListDelta(epoch, held + 1, held + 2, []));

            await Testing.Eventually.HoldsAsync(() => replica.Reads >= 2, "the copy to read the whole list again after the gap");
            var id = NewZoneId("after-gap");
            await ZoneClusterFixture.Grains.GetGrain<IZoneGrain>(id).RegisterAsync(Descriptor(), Guid.NewGuid());
            await Testing.Eventually.HoldsAsync(async () => (await replica.GetAsync()).Any(z => z.ZoneId == id), "the copy to follow the pushes again");
        }
        finally
        {
            await replica.StopAsync(CancellationToken.None);
        }
    }

    [Test]
    public async Task Replica_SubscriptionLost_SafetyRereadBringsTheMissedZone()
    {
        var clock = new FakeTimeProvider();
        var replica = NewReplica(clock);
        await replica.StartAsync(CancellationToken.None);
        try
        {
            await replica.GetAsync();
            var index = ZoneClusterFixture.Grains.GetGrain<IOneCloudIndexGrain>(0);

            // As when the index's activation forgets its subscribers: no push reaches this host any more.
            await index.UnsubscribeAsync(replica.Reference!);
            var id = NewZoneId("missed");
            await ZoneClusterFixture.Grains.GetGrain<IZoneGrain>(id).RegisterAsync(Descriptor(), Guid.NewGuid());
            await Testing.Eventually.HoldsAsync(async () => (await index.ListAsync()).Any(z => z.ZoneId == id), "the index to know the zone");
            Assert.That(replica.Reads, Is.EqualTo(1));

            clock.Advance(Resync);

            await Testing.Eventually.HoldsAsync(async () => (await replica.GetAsync()).Any(z => z.ZoneId == id), "the safety re-read to bring the zone");
            Assert.That(replica.Reads, Is.EqualTo(2));
        }
        finally
        {
            await replica.StopAsync(CancellationToken.None);
        }
    }

    [Test]
    public async Task Replica_StalenessWindowPasses_ZoneListedUnreachableWithoutAPush()
    {
        var replica = NewReplica(new FakeTimeProvider());
        await replica.StartAsync(CancellationToken.None);
        try
        {
            await replica.GetAsync();
            var id = NewZoneId("fresh");
            var zone = ZoneClusterFixture.Grains.GetGrain<IZoneGrain>(id);
            await zone.RegisterAsync(Descriptor(), Guid.NewGuid());
            await zone.ReportAsync(Report(1, 10_000, "w-1"));
            var copied = await Testing.Eventually.ReturnsAsync(
                async () => (await replica.GetAsync()).FirstOrDefault(z => z.ZoneId == id), z => z is { LastSequence: 1 }, "the report in this host's copy");
            var window = ZoneClusterFixture.StalenessWindow;
            Assert.That(copied!.ToProto(ZoneClusterFixture.Time.GetUtcNow(), window).Status, Is.EqualTo(Proto.Common.V1.ZoneStatus.Ready));

            // Domain time passes the staleness window; what turns the zone Unreachable is the moment of the call, not a push.
            ZoneClusterFixture.Time.Advance(window + TimeSpan.FromSeconds(1));

            var listed = (await replica.GetAsync()).Single(z => z.ZoneId == id).ToProto(ZoneClusterFixture.Time.GetUtcNow(), window);
            Assert.That(listed.Status, Is.EqualTo(Proto.Common.V1.ZoneStatus.Unreachable));
            Assert.That(listed.LastReportAgeSeconds, Is.GreaterThanOrEqualTo(window.TotalSeconds + 1));
        }
        finally
        {
            await replica.StopAsync(CancellationToken.None);
        }
    }

    [Test]
    public async Task GetAsync_IndexNeverAnswers_FailsAfterTheBound()
    {
        // A host whose first read cannot happen (its grain factory fails every call) answers callers within the bound.
        var clock = new FakeTimeProvider();
        var replica = new ZoneListReplica(FailingGrainFactory.Create(), Options.Create(new ZoneOptions { ListFromHostCopy = true, ListFirstSnapshotTimeout = TimeSpan.FromSeconds(10) }),
            clock, NullLogger<ZoneListReplica>.Instance);
        await replica.StartAsync(CancellationToken.None);
        try
        {
            var pending = replica.GetAsync();
            Assert.That(pending.IsCompleted, Is.False, "the first caller waits for the first read");

            clock.Advance(TimeSpan.FromSeconds(10));

            Assert.That(async () => await pending, Throws.InstanceOf<TimeoutException>());
        }
        finally
        {
            await replica.StopAsync(CancellationToken.None);
        }
    }

    private static ZoneListReplica NewReplica(TimeProvider clock) => new(
        ZoneClusterFixture.Grains,
        Options.Create(new ZoneOptions { ListFromHostCopy = true, ListResyncInterval = Resync }),
        clock,
        NullLogger<ZoneListReplica>.Instance);

    private sealed class RecordingObserver : IZoneListObserver
    {
        public ConcurrentQueue<ZoneListDelta> Deltas { get; } = new();

        public Task ZonesChangedAsync(ZoneListDelta delta)
        {
            Deltas.Enqueue(delta);
            return Task.CompletedTask;
        }
    }
}
