using static CloudGov.ControlPlane.Tests.Zones.ZoneRecords;

namespace CloudGov.ControlPlane.Tests.Zones;

public sealed class ZoneGrainTests
{
    [Test]
    public async Task Report_BeforeRegistration_IsNotAppliedAndZoneStaysUnknown()
    {
        var zone = ZoneClusterFixture.Grains.GetGrain<IZoneGrain>(NewZoneId());

        var outcome = await zone.ReportAsync(Report(1, 10_000, "w-1"));

        Assert.That(outcome.Result, Is.EqualTo(ReportResult.NotRegistered));
        Assert.That(await zone.GetAsync(), Is.Null);
    }

    [Test]
    public async Task Report_DuplicateOrOlderSequence_ChangesNothing()
    {
        var zone = ZoneClusterFixture.Grains.GetGrain<IZoneGrain>(NewZoneId());
        await zone.RegisterAsync(Descriptor(), Guid.NewGuid());
        Assert.That((await zone.ReportAsync(Report(5, 10_000, "w-1", "w-2"))).Result, Is.EqualTo(ReportResult.Accepted));

        var duplicate = await zone.ReportAsync(Report(5, 50_000, "w-9"));
        var older = await zone.ReportAsync(Report(3, 60_000));

        Assert.That(duplicate.Result, Is.EqualTo(ReportResult.Duplicate));
        Assert.That(older.Result, Is.EqualTo(ReportResult.Duplicate));
        var detail = await zone.GetAsync();
        Assert.That(detail!.Summary.LastSequence, Is.EqualTo(5UL));
        Assert.That(detail.Summary.Usage.CpuMillicores, Is.EqualTo(10_000));
        Assert.That(detail.Workloads.Select(w => w.WorkloadId), Is.EqualTo(new[] { "w-1", "w-2" }));
    }

    [Test]
    public async Task Report_NewerSequence_ReplacesUsageAndWorkloads()
    {
        var zone = ZoneClusterFixture.Grains.GetGrain<IZoneGrain>(NewZoneId());
        await zone.RegisterAsync(Descriptor(), Guid.NewGuid());
        await zone.ReportAsync(Report(1, 10_000, "w-1"));

        var outcome = await zone.ReportAsync(Report(2, 30_000, "w-1", "w-2", "w-3"));

        Assert.That(outcome.Result, Is.EqualTo(ReportResult.Accepted));
        var detail = await zone.GetAsync();
        Assert.That(detail!.Summary.Usage.CpuMillicores, Is.EqualTo(30_000));
        Assert.That(detail.Summary.WorkloadCount, Is.EqualTo(3));
        Assert.That(detail.Summary.Requested.CpuMillicores, Is.EqualTo(12_000));
        Assert.That(detail.Summary.Status, Is.EqualTo(ZoneStatus.Ready));
    }

    [Test]
    public async Task InventoryChange_IsDurableAtOnce_UtilizationOnlyIsWrittenBehind()
    {
        var zone = ZoneClusterFixture.Grains.GetGrain<IZoneGrain>(NewZoneId());
        await zone.RegisterAsync(Descriptor(), Guid.NewGuid());

        var first = await zone.ReportAsync(Report(1, 10_000, "w-1"));
        var utilizationOnly = await zone.ReportAsync(Report(2, 20_000, "w-1"));

        Assert.That(first.DurableSequence, Is.EqualTo(1UL), "a new workload is an inventory change and is written before the call returns");
        Assert.That(utilizationOnly.LastSequence, Is.EqualTo(2UL));
        Assert.That(utilizationOnly.DurableSequence, Is.EqualTo(1UL), "a utilization-only change waits for the write-behind flush and is not acknowledged yet");
    }

    [Test]
    public async Task Staleness_NoReportPastWindow_ZoneBecomesUnreachable_AndRecoversOnNextReport()
    {
        var id = NewZoneId();
        var zone = ZoneClusterFixture.Grains.GetGrain<IZoneGrain>(id);
        await zone.RegisterAsync(Descriptor(), Guid.NewGuid());
        await zone.ReportAsync(Report(1, 10_000, "w-1"));

        ZoneClusterFixture.Time.Advance(ZoneClusterFixture.StalenessWindow - TimeSpan.FromSeconds(1));
        Assert.That(await zone.CheckStalenessAsync(), Is.EqualTo(ZoneStatus.Ready));

        ZoneClusterFixture.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.That(await zone.CheckStalenessAsync(), Is.EqualTo(ZoneStatus.Unreachable));
        Assert.That((await zone.GetAsync())!.Summary.Status, Is.EqualTo(ZoneStatus.Unreachable));

        await zone.ReportAsync(Report(2, 10_000, "w-1"));
        Assert.That((await zone.GetAsync())!.Summary.Status, Is.EqualTo(ZoneStatus.Ready));
    }

    [Test]
    public async Task StalenessSweep_MovesSilentZonesAndIndexShowsThem()
    {
        var silent = NewZoneId();
        await ZoneClusterFixture.Grains.GetGrain<IZoneGrain>(silent).RegisterAsync(Descriptor(), Guid.NewGuid());
        await ZoneClusterFixture.Grains.GetGrain<IZoneGrain>(silent).ReportAsync(Report(1, 10_000, "w-1"));
        var index = ZoneClusterFixture.Grains.GetGrain<IOneCloudIndexGrain>(0);
        await Testing.Eventually.HoldsAsync(async () => (await index.ListAsync()).Any(z => z.ZoneId == silent), $"zone {silent} in the index");

        ZoneClusterFixture.Time.Advance(ZoneClusterFixture.StalenessWindow + TimeSpan.FromSeconds(1));
        int moved = await ZoneClusterFixture.Grains.GetGrain<IStalenessSweepGrain>(0).SweepAsync();

        Assert.That(moved, Is.GreaterThanOrEqualTo(1));
        await Testing.Eventually.HoldsAsync(
            async () => (await index.ListAsync()).Single(z => z.ZoneId == silent).Status == ZoneStatus.Unreachable,
            $"index to show {silent} as Unreachable");
    }

    [Test]
    public async Task AgentDisconnected_OnlyTheCurrentSessionCounts()
    {
        var zone = ZoneClusterFixture.Grains.GetGrain<IZoneGrain>(NewZoneId());
        var old = Guid.NewGuid();
        var current = Guid.NewGuid();
        await zone.RegisterAsync(Descriptor(), old);
        await zone.RegisterAsync(Descriptor(), current);

        await zone.AgentDisconnectedAsync(old);
        Assert.That((await zone.GetAsync())!.Summary.AgentConnected, Is.True, "a stale stream closing must not mark the new one disconnected");

        await zone.AgentDisconnectedAsync(current);
        Assert.That((await zone.GetAsync())!.Summary.AgentConnected, Is.False);
    }
}
