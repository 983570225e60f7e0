using CloudGov.ControlPlane.Grains.Ledger;
using CloudGov.Testing;
using Orleans.Core.Internal;
using static CloudGov.ControlPlane.Tests.Ledger.LedgerRecords;

namespace CloudGov.ControlPlane.Tests.Zones;

/// <summary>
/// The silo's ledger-sync batcher against real shard grains: while a shard call is in flight the syncs of every other
/// zone queue and go in the next call, each zone still gets its own answer; a failed call fails only the zones it
/// carried; calls are bounded in zones and in workload entries.
/// </summary>
public sealed class LedgerSyncBatcherTests
{
    private static readonly IGrainFactory Grains = ZoneClusterFixture.Grains;

    [Test]
    public async Task SyncAsync_ManyZonesWhileACallIsInFlight_OneCallCarriesThemAndEachZoneGetsItsOwnResult()
    {
        const int shard = 7;
        var gate = new GatedShards();
        var batcher = new LedgerSyncBatcher(GatedGrainFactory.Create(Grains, gate));
        var zones = await PlacedZonesAsync(shard, 101);
        var hold = gate.HoldNext(shard);

        var first = batcher.SyncAsync(shard, FullSync(zones[0].Zone));
        await hold.Started.Task;
        var rest = zones.Skip(1).Select(z => batcher.SyncAsync(shard, FullSync(z.Zone))).ToList();
        hold.Released.SetResult();
        var results = await Task.WhenAll([first, .. rest]);

        Assert.That(gate.SizesFor(shard), Is.EqualTo(new[] { 1, 100 }), "the 100 zones that queued behind the first call went in one call");
        Assert.That(batcher.Calls, Is.EqualTo(2));
        Assert.That(results.Select(r => r.Expected.Single()), Is.EqualTo(zones.Select(z => z.WorkloadId)), "each zone is told about its own placed workload");
    }

    [Test]
    public async Task SyncAsync_ShardCallFails_OnlyTheZonesOfThatCallFailAndTheirRetrySucceeds()
    {
        const int shard = 9;
        const int other = 10;
        var gate = new GatedShards();
        var batcher = new LedgerSyncBatcher(GatedGrainFactory.Create(Grains, gate));
        var zones = await PlacedZonesAsync(shard, 11);
        var elsewhere = (await PlacedZonesAsync(other, 1))[0];
        var hold = gate.HoldNext(shard);

        var first = batcher.SyncAsync(shard, FullSync(zones[0].Zone));
        await hold.Started.Task;
        gate.FailNext(shard);
        var failing = zones.Skip(1).Select(z => batcher.SyncAsync(shard, FullSync(z.Zone))).ToList();
        var unaffected = batcher.SyncAsync(other, FullSync(elsewhere.Zone));
        hold.Released.SetResult();

        var firstResult = await first;
        var otherResult = await unaffected;
        foreach (var sync in failing)
        {
            Assert.That(async () => await sync, Throws.TypeOf<TimeoutException>());
        }

        var retried = await Task.WhenAll(zones.Skip(1).Select(z => batcher.SyncAsync(shard, FullSync(z.Zone))));

        Assert.That(firstResult.Expected, Is.EqualTo(new[] { zones[0].WorkloadId }), "the call in flight before the failure is not affected");
        Assert.That(otherResult.Expected, Is.EqualTo(new[] { elsewhere.WorkloadId }), "another shard's call is not affected");
        Assert.That(retried.Select(r => r.Expected.Single()), Is.EqualTo(zones.Skip(1).Select(z => z.WorkloadId)));
        var sizes = gate.SizesFor(shard);
        Assert.That(sizes.Take(2), Is.EqualTo(new[] { 1, 10 }), "the 10 zones queued behind the held call went (and failed) in one call");
        Assert.That(sizes.Skip(2).Sum(), Is.EqualTo(10), "the retries (sent one by one, so the first may go alone) carry the 10 zones again");
    }

    [Test]
    public async Task SyncAsync_MoreZonesWaitingThanACallCarries_CallsCarryAtMostTheBound()
    {
        const int shard = 11;
        var gate = new GatedShards();
        var batcher = new LedgerSyncBatcher(GatedGrainFactory.Create(Grains, gate));
        var hold = gate.HoldNext(shard);

        var first = batcher.SyncAsync(shard, FullSync(NewZone()));
        await hold.Started.Task;
        var rest = Enumerable.Range(0, 600).Select(_ => batcher.SyncAsync(shard, FullSync(NewZone()))).ToList();
        hold.Released.SetResult();
        var results = await Task.WhenAll([first, .. rest]);

        Assert.That(gate.SizesFor(shard), Is.EqualTo(new[] { 1, LedgerSyncBatcher.MaxZonesPerCall, LedgerSyncBatcher.MaxZonesPerCall, 600 - (2 * LedgerSyncBatcher.MaxZonesPerCall) }));
        Assert.That(results, Has.Length.EqualTo(601).And.All.Matches<ZoneSyncResult>(r => r!.Expected.IsEmpty));
    }

    [Test]
    public async Task SyncAsync_LargeZonesWaiting_CallsStayUnderTheWorkloadBound()
    {
        const int shard = 12;
        var gate = new GatedShards();
        var batcher = new LedgerSyncBatcher(GatedGrainFactory.Create(Grains, gate));
        var hold = gate.HoldNext(shard);
        int perZone = (LedgerSyncBatcher.MaxItemsPerCall / 2) + 1;

        var first = batcher.SyncAsync(shard, FullSync(NewZone()));
        await hold.Started.Task;
        var large = Enumerable.Range(0, 3).Select(_ =>
        {
            var zone = NewZone();
            var workloads = Enumerable.Range(0, perZone).Select(i => Reported($"{zone.ZoneId}-w{i}"));
            return batcher.SyncAsync(shard, Sync(zone, 1, workloads, full: true));
        }).ToList();
        hold.Released.SetResult();
        await Task.WhenAll([first, .. large]);

        Assert.That(gate.SizesFor(shard), Is.EqualTo(new[] { 1, 1, 1, 1 }), "two zones of more than half the bound each never share a call");
    }

    [Test]
    public async Task ZoneGrain_DeactivatedWhileItsSyncIsInFlight_NothingStuckAndTheLedgerEndsRight()
    {
        const int shard = 13;
        string zoneId = ZoneRecords.NewZoneId("bd");
        string workload = WorkloadIn(shard);
        var zone = Grains.GetGrain<IZoneGrain>(zoneId);
        await zone.RegisterAsync(ZoneRecords.Descriptor(), Guid.NewGuid());
        var hold = ZoneClusterFixture.LedgerGate.HoldNext(shard);

        await zone.ReportAsync(ZoneRecords.Report(1, 10_000, workload));
        await hold.Started.Task;
        await zone.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        var summary = await zone.GetSummaryAsync();
        hold.Released.SetResult();

        Assert.That(summary!.WorkloadCount, Is.EqualTo(1), "the zone comes back from storage while its old activation's sync is still held");
        await Eventually.HoldsAsync(
            async () => (await Grains.GetGrain<ILedgerShardGrain>(shard).GetAsync(workload))?.ObservedIn(zoneId) is not null,
            "the shard to record the workload as observed in the zone");
        var after = await new LedgerSyncBatcher(Grains).SyncAsync(shard, FullSync(NewZone()));
        Assert.That(after.Expected, Is.Empty, "the shard still answers");
    }

    [Test]
    public void SyncAsync_ShardOutOfRange_Throws()
    {
        var batcher = new LedgerSyncBatcher(Grains);

        Assert.That(() => batcher.SyncAsync(LedgerShards.Count, FullSync(NewZone())), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => batcher.SyncAsync(-1, FullSync(NewZone())), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    private static string WorkloadIn(int shard)
    {
        string prefix = Guid.NewGuid().ToString("N");
        return Enumerable.Range(0, 10_000).Select(i => $"w-{prefix}-{i}").First(id => LedgerShards.Of(id) == shard);
    }

    private static ZoneFacts NewZone() => Facts($"bz-{Guid.NewGuid():N}");

    private static ZoneSync FullSync(ZoneFacts zone) => Sync(zone, 1, full: true);

    /// <summary><paramref name="count"/> new zones, each with one workload of <paramref name="shard"/> placed in it (and not yet reported).</summary>
    private static async Task<List<(ZoneFacts Zone, string WorkloadId)>> PlacedZonesAsync(int shard, int count)
    {
        var placed = new List<(ZoneFacts, string)>();
        var grain = Grains.GetGrain<ILedgerShardGrain>(shard);
        string prefix = Guid.NewGuid().ToString("N");
        for (int i = 0; placed.Count < count; i++)
        {
            string id = $"w-{prefix}-{i}";
            if (LedgerShards.Of(id) != shard)
            {
                continue;
            }

            var zone = NewZone();
            var write = await grain.RecordPlacementAsync(Intent(id), zone.ZoneId, Placing($"cmd-{id}"), "test");
            Assert.That(write.Recorded, Is.True, write.Conflict);
            placed.Add((zone, id));
        }

        return placed;
    }
}
