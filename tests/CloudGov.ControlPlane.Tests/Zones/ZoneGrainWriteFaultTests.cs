using static CloudGov.ControlPlane.Tests.Zones.ZoneRecords;

namespace CloudGov.ControlPlane.Tests.Zones;

/// <summary>A failed storage write never leaves a change behind that a later write would persist.</summary>
public sealed class ZoneGrainWriteFaultTests
{
    [Test]
    public async Task InventoryReport_WriteFails_CallFailsAndNothingChanges()
    {
        string id = NewZoneId("wf");
        var zone = ZoneClusterFixture.Grains.GetGrain<IZoneGrain>(id);
        await zone.RegisterAsync(Descriptor(), Guid.NewGuid());
        await zone.ReportAsync(Report(1, 10_000, "w-1"));
        var grainId = ((GrainReference)zone).GrainId;
        long versionBefore = ZoneClusterFixture.Storage.StoredVersion("zone", grainId);

        ZoneClusterFixture.Storage.FailWritesFor(id);
        await Assert.ThrowsAsync<Orleans.Runtime.OrleansException>(async () => await zone.ReportAsync(Report(2, 30_000, "w-1", "w-2")));

        var detail = await zone.GetAsync();
        Assert.That(detail!.Summary.LastSequence, Is.EqualTo(1UL), "the failed report must not be applied in memory");
        Assert.That(detail.Workloads.Select(w => w.WorkloadId), Is.EqualTo(new[] { "w-1" }));
        Assert.That(ZoneClusterFixture.Storage.StoredVersion("zone", grainId), Is.EqualTo(versionBefore));

        // After healing, an unrelated write must not carry the failed change with it.
        ZoneClusterFixture.Storage.Heal(id);
        await zone.RegisterAsync(Descriptor("改名后的云区"), Guid.NewGuid());
        var stored = ZoneClusterFixture.Storage.Stored<CloudGov.ControlPlane.Grains.Zones.ZoneState>("zone", grainId)!;
        Assert.That(stored.LastSequence, Is.EqualTo(1UL));
        Assert.That(stored.LastReport!.Workloads.Select(w => w.WorkloadId), Is.EqualTo(new[] { "w-1" }));
        Assert.That(stored.Descriptor!.DisplayName, Is.EqualTo("改名后的云区"));

        // The agent re-sends the unacknowledged report and it is applied now.
        var retried = await zone.ReportAsync(Report(2, 30_000, "w-1", "w-2"));
        Assert.That(retried.Result, Is.EqualTo(ReportResult.Accepted));
        Assert.That(retried.DurableSequence, Is.EqualTo(2UL));
    }

    [Test]
    public async Task Registration_WriteFails_ZoneStaysUnregistered()
    {
        string id = NewZoneId("wf");
        var zone = ZoneClusterFixture.Grains.GetGrain<IZoneGrain>(id);
        ZoneClusterFixture.Storage.FailWritesFor(id);

        await Assert.ThrowsAsync<Orleans.Runtime.OrleansException>(async () => await zone.RegisterAsync(Descriptor(), Guid.NewGuid()));

        Assert.That(await zone.GetAsync(), Is.Null);
        Assert.That((await zone.ReportAsync(Report(1, 10_000, "w-1"))).Result, Is.EqualTo(ReportResult.NotRegistered));
        ZoneClusterFixture.Storage.Heal(id);
    }

    [Test]
    public async Task StatusTransition_WriteFails_StoredStatusUnchangedAndRetriedLater()
    {
        string id = NewZoneId("wf");
        var zone = ZoneClusterFixture.Grains.GetGrain<IZoneGrain>(id);
        await zone.RegisterAsync(Descriptor(), Guid.NewGuid());
        await zone.ReportAsync(Report(1, 10_000, "w-1"));
        var grainId = ((GrainReference)zone).GrainId;
        ZoneClusterFixture.Time.Advance(ZoneClusterFixture.StalenessWindow + TimeSpan.FromSeconds(1));

        ZoneClusterFixture.Storage.FailWritesFor(id);
        await Assert.ThrowsAsync<Orleans.Runtime.OrleansException>(async () => await zone.CheckStalenessAsync());
        Assert.That(ZoneClusterFixture.Storage.Stored<CloudGov.ControlPlane.Grains.Zones.ZoneState>("zone", grainId)!.Status, Is.EqualTo(ZoneStatus.Ready));
        Assert.That((await zone.GetAsync())!.Summary.Status, Is.EqualTo(ZoneStatus.Ready), "the grain keeps the last stored status; effective status is still computed from report age");

        ZoneClusterFixture.Storage.Heal(id);
        Assert.That(await zone.CheckStalenessAsync(), Is.EqualTo(ZoneStatus.Unreachable));
        Assert.That(ZoneClusterFixture.Storage.Stored<CloudGov.ControlPlane.Grains.Zones.ZoneState>("zone", grainId)!.Status, Is.EqualTo(ZoneStatus.Unreachable));
    }

    [Test]
    public async Task UtilizationOnlyReport_IsNotAcknowledgedUntilStored()
    {
        string id = NewZoneId("wf");
        var zone = ZoneClusterFixture.Grains.GetGrain<IZoneGrain>(id);
        await zone.RegisterAsync(Descriptor(), Guid.NewGuid());
        var first = await zone.ReportAsync(Report(1, 10_000, "w-1"));
        ZoneClusterFixture.Storage.FailWritesFor(id);

        var second = await zone.ReportAsync(Report(2, 20_000, "w-1"));

        Assert.That(first.DurableSequence, Is.EqualTo(1UL));
        Assert.That(second.Result, Is.EqualTo(ReportResult.Accepted));
        Assert.That(second.DurableSequence, Is.EqualTo(1UL), "a report whose write-behind flush has not succeeded is never acknowledged");
        ZoneClusterFixture.Storage.Heal(id);
    }
}
