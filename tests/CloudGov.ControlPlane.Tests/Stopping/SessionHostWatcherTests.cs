using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using CloudGov.ControlPlane.Grains.Zones;
using CloudGov.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;

namespace CloudGov.ControlPlane.Tests.Stopping;

/// <summary>
/// When a silo is declared dead, each silo asks the zone grains active on itself to end the sessions it served, and one
/// live silo (the lowest address) also asks the zones the one-cloud index lists as connected through it (their grains may have died with it).
/// </summary>
public sealed class SessionHostWatcherTests
{
    private static readonly SiloAddress Here = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 100);
    private static readonly SiloAddress Other = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 22222), 100);
    private static readonly SiloAddress Lower = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 1111), 50);   // below Here in every part

    [Test]
    public async Task SiloDeclaredDead_EveryZoneActiveHereAskedWithItsAddress()
    {
        // The zones need not be listed anywhere else (the old watcher asked only those the one-cloud index listed as
        // connected, and an index that died with the silo listed none).
        var zones = Activations("z1", "z2", "z3");
        var asked = new ConcurrentQueue<(string Zone, string Hosts)>();
        await using var run = await WatchAsync(zones, (zone, dead) =>
        {
            asked.Enqueue((zone, string.Join(",", dead)));
            return Task.FromResult(zone != "z2");
        });

        run.Declare(SiloStatus.Dead);

        await Eventually.HoldsAsync(() => asked.Count == 3, "every zone active here asked");
        Assert.That(asked.OrderBy(a => a.Zone, StringComparer.Ordinal), Is.EqualTo(new[] { ("z1", Other.ToParsableString()), ("z2", Other.ToParsableString()), ("z3", Other.ToParsableString()) }));
    }

    [Test]
    public async Task SiloStillActive_NoZoneAsked()
    {
        var asked = 0;
        await using var run = await WatchAsync(Activations("z1"), (_, _) => Task.FromResult(Interlocked.Increment(ref asked) > 0));

        run.Declare(SiloStatus.ShuttingDown);
        run.Declare(SiloStatus.Dead);
        run.Declare(SiloStatus.Dead);   // the same death again: already handled

        await Eventually.HoldsAsync(() => Volatile.Read(ref asked) == 1, "z1 asked once, for the death only");
        await Task.Delay(200);
        Assert.That(Volatile.Read(ref asked), Is.EqualTo(1));
    }

    [Test]
    public async Task OneZoneCallFails_TheOthersStillAskedAndTheFailedOneAskedAgain()
    {
        var calls = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        await using var run = await WatchAsync(Activations("z1", "z2", "z3"), (zone, _) =>
        {
            int call = calls.AddOrUpdate(zone, 1, (_, n) => n + 1);
            return zone == "z2" && call <= 2 ? throw new TimeoutException("still routed to the dead silo") : Task.FromResult(true);
        });

        run.Declare(SiloStatus.Dead);

        await Eventually.HoldsAsync(() => calls.GetValueOrDefault("z2") == 3, "z2 asked a third time after two failures");
        Assert.That((calls["z1"], calls["z3"]), Is.EqualTo((1, 1)), "the others asked once, not held back by z2");
    }

    [Test]
    public async Task ZoneDeactivatedHere_NotAsked()
    {
        var zones = Activations("z1", "z2");
        zones.Deactivated("z2");
        var asked = new ConcurrentQueue<string>();
        await using var run = await WatchAsync(zones, RecordInto(asked));

        run.Declare(SiloStatus.Dead);

        await Eventually.HoldsAsync(() => asked.Count == 1, "z1 asked");
        await Task.Delay(200);
        Assert.That(asked, Is.EqualTo(new[] { "z1" }));
    }

    [Test]
    public async Task ActingSilo_ZonesTheIndexListsConnectedThroughTheDeadSiloAsked_EvenWithNoGrainHere()
    {
        // The grains of z-dead-* died with the silo: nothing else would wake them (a zone killed before its first report
        // is never swept as stale), so the index's list is what names them.
        var dead = Other.ToParsableString();
        var alive = Here.ToParsableString();
        ImmutableArray<ZoneSummary> index =
        [
            Summary("z-dead-1", connected: true, host: dead),
            Summary("z-dead-2", connected: true, host: dead),
            Summary("z-live", connected: true, host: alive),
            Summary("z-off", connected: false, host: null),
            Summary("z-unknown-host", connected: true, host: null),   // stored before summaries named the host
            Summary("z-here", connected: true, host: dead),           // also active here: asked once, by the local pass
        ];
        var asked = new ConcurrentQueue<string>();
        await using var run = await WatchAsync(Activations("z-here"), RecordInto(asked), () => Task.FromResult(index));

        run.Declare(SiloStatus.Dead);

        await Eventually.HoldsAsync(() => asked.Count == 4, "the zones listed through the dead silo or an unknown host asked");
        await Task.Delay(200);
        Assert.That(asked.Order(StringComparer.Ordinal), Is.EqualTo(new[] { "z-dead-1", "z-dead-2", "z-here", "z-unknown-host" }));
    }

    [Test]
    public async Task AnotherLiveSiloHasALowerAddress_IndexNotRead_OnlyItsOwnZonesAsked()
    {
        int reads = 0;
        var asked = new ConcurrentQueue<string>();
        await using var run = await WatchAsync(Activations("z-here"), RecordInto(asked), () =>
        {
            Interlocked.Increment(ref reads);
            return Task.FromResult<ImmutableArray<ZoneSummary>>([Summary("z-dead", connected: true, host: Other.ToParsableString())]);
        }, lowerAlive: true);

        run.Declare(SiloStatus.Dead);

        await Eventually.HoldsAsync(() => asked.Count == 1, "the zone active here asked");
        await Task.Delay(200);
        Assert.Multiple(() =>
        {
            Assert.That(asked, Is.EqualTo(new[] { "z-here" }));
            Assert.That(Volatile.Read(ref reads), Is.Zero, "the silo with the lower address does the index pass");
        });
    }

    [Test]
    public async Task IndexUnreadableAtFirst_ZonesActiveHereAskedAtOnce_IndexedZonesOnceItAnswers()
    {
        int reads = 0;
        var asked = new ConcurrentQueue<string>();
        await using var run = await WatchAsync(Activations("z-here"), RecordInto(asked), () => Interlocked.Increment(ref reads) <= 2
            ? throw new TimeoutException("the index is still routed to the dead silo")
            : Task.FromResult<ImmutableArray<ZoneSummary>>([Summary("z-dead", connected: true, host: Other.ToParsableString())]));

        run.Declare(SiloStatus.Dead);

        await Eventually.HoldsAsync(() => asked.Count == 2, "both zones asked");
        Assert.Multiple(() =>
        {
            Assert.That(asked, Is.EqualTo(new[] { "z-here", "z-dead" }), "the zone active here first, not held back by the index");
            Assert.That(Volatile.Read(ref reads), Is.EqualTo(3));
        });
    }

    /// <summary>Ends every session it is asked about, recording the zone.</summary>
    private static Func<string, ImmutableArray<string>, Task<bool>> RecordInto(ConcurrentQueue<string> asked) => (zone, _) =>
    {
        asked.Enqueue(zone);
        return Task.FromResult(true);
    };

    private static ZoneSummary Summary(string zone, bool connected, string? host) =>
        new(zone, Zones.ZoneRecords.Descriptor(zone), ZoneStatus.Ready,
            ResourceVector.Zero, ResourceVector.Zero, ResourceVector.Zero, 0, connected, null, 1, DateTimeOffset.UnixEpoch)
        {
            SessionHost = host,
        };

    private static LocalZoneActivations Activations(params string[] zones)
    {
        var activations = new LocalZoneActivations();
        foreach (var zone in zones)
        {
            activations.Activated(zone);
        }

        return activations;
    }

    private static async Task<Run> WatchAsync(
        LocalZoneActivations zones,
        Func<string, ImmutableArray<string>, Task<bool>> endSession,
        Func<Task<ImmutableArray<ZoneSummary>>>? index = null,
        bool lowerAlive = false)
    {
        var membership = new FakeMembership();
        var watcher = new SessionHostWatcher(membership, zones, endSession, index ?? (() => Task.FromResult(ImmutableArray<ZoneSummary>.Empty)), Here, TimeSpan.FromMilliseconds(10), NullLogger<SessionHostWatcher>.Instance);
        await watcher.OnActiveAsync(CancellationToken.None);
        return new Run(watcher, membership, lowerAlive);
    }

    private sealed class Run(SessionHostWatcher watcher, FakeMembership membership, bool lowerAlive) : IAsyncDisposable
    {
        private int _version = 1;

        /// <summary>Publishes a snapshot with this silo active (and the lower one, if alive) and the other in <paramref name="status"/>.</summary>
        public void Declare(SiloStatus status)
        {
            var members = ImmutableDictionary<SiloAddress, ClusterMember>.Empty
                .Add(Here, new ClusterMember(Here, SiloStatus.Active, "here"))
                .Add(Other, new ClusterMember(Other, status, "other"));
            if (lowerAlive)
            {
                members = members.Add(Lower, new ClusterMember(Lower, SiloStatus.Active, "lower"));
            }

            membership.Publish(new ClusterMembershipSnapshot(members, new MembershipVersion(++_version)));
        }

        public async ValueTask DisposeAsync() => await watcher.OnStopAsync(CancellationToken.None);
    }

    private sealed class FakeMembership : IClusterMembershipService
    {
        private readonly Channel<ClusterMembershipSnapshot> _updates = Channel.CreateUnbounded<ClusterMembershipSnapshot>();

        public ClusterMembershipSnapshot CurrentSnapshot { get; private set; } = new(
            ImmutableDictionary<SiloAddress, ClusterMember>.Empty
                .Add(Here, new ClusterMember(Here, SiloStatus.Active, "here"))
                .Add(Other, new ClusterMember(Other, SiloStatus.Active, "other")),
            new MembershipVersion(1));

        public IAsyncEnumerable<ClusterMembershipSnapshot> MembershipUpdates => _updates.Reader.ReadAllAsync();

        public void Publish(ClusterMembershipSnapshot snapshot)
        {
            CurrentSnapshot = snapshot;
            _updates.Writer.TryWrite(snapshot);
        }

        public ValueTask Refresh(MembershipVersion minimumVersion = default, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public Task<bool> TryKill(SiloAddress siloAddress) => Task.FromResult(false);
    }
}
