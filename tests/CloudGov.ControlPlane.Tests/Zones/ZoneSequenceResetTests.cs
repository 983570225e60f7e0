using CloudGov.ControlPlane.Grains.Zones;
using static CloudGov.ControlPlane.Tests.Zones.ZoneRecords;

namespace CloudGov.ControlPlane.Tests.Zones;

/// <summary>The way back for a zone an earlier release let an agent freeze with a sequence near 2^64.</summary>
public sealed class ZoneSequenceResetTests
{
    [Test]
    public async Task Activate_StoredSequenceAboveTheCeiling_ResetToZeroRecordedAndTheNextReportAccepted()
    {
        string zoneId = NewZoneId("frozen");
        var zone = ZoneClusterFixture.Grains.GetGrain<IZoneGrain>(zoneId);
        var frozen = new ZoneState
        {
            Descriptor = Descriptor(),
            Status = ZoneStatus.Ready,
            LastReport = Report(ulong.MaxValue, 10_000, "w-1"),
            LastReceivedAt = ZoneClusterFixture.Time.GetUtcNow(),
        };
        ZoneClusterFixture.Storage.Seed("zone", zone.GetGrainId(), frozen);

        ulong resumeAfter = await zone.RegisterAsync(Descriptor(), Guid.NewGuid());
        var outcome = await zone.ReportAsync(Report(7, 20_000, "w-1", "w-2"));

        Assert.That(resumeAfter, Is.Zero, "Welcome tells the agent the zone starts again");
        Assert.That(outcome.Result, Is.EqualTo(ReportResult.Accepted));
        var detail = await zone.GetAsync();
        Assert.That(detail!.Summary.LastSequence, Is.EqualTo(7UL));
        Assert.That(detail.Workloads.Select(w => w.WorkloadId), Is.EqualTo(new[] { "w-1", "w-2" }));
        var stored = ZoneClusterFixture.Storage.Stored<ZoneState>("zone", zone.GetGrainId())!;
        Assert.That(stored.SequenceResetFrom, Is.EqualTo(ulong.MaxValue));
        Assert.That(stored.SequenceResetAt, Is.EqualTo(ZoneClusterFixture.Time.GetUtcNow()));
    }

    [Test]
    public async Task Report_SequenceAboveTheCeiling_RefusedByTheGrainToo()
    {
        var zone = ZoneClusterFixture.Grains.GetGrain<IZoneGrain>(NewZoneId());
        await zone.RegisterAsync(Descriptor(), Guid.NewGuid());

        var outcome = await zone.ReportAsync(Report(ulong.MaxValue, 10_000, "w-1"));

        Assert.That(outcome.Result, Is.EqualTo(ReportResult.Duplicate));
        Assert.That((await zone.GetAsync())!.Summary.LastSequence, Is.Zero);
    }
}
