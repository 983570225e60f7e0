using CloudGov.ControlPlane.Grains.Zones;

namespace CloudGov.ControlPlane.Tests.Zones;

/// <summary>What a report does to a zone's state, without a cluster: refused, written behind, or an inventory change written at once.</summary>
public sealed class ZoneReportEffectTests
{
    private static readonly TimeSpan Staleness = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset Now = ZoneClusterFixture.Time.GetUtcNow();

    private static ZoneState Registered(params ZoneReportData[] reports)
    {
        var state = new ZoneState { Descriptor = ZoneRecords.Descriptor(), Status = ZoneStatus.Ready };
        foreach (var report in reports)
        {
            state = ZoneReportEffect.Apply(state, report, Now, Staleness).Next;
        }

        return state;
    }

    [Test]
    public void Apply_NotRegistered_RefusedAndStateUnchanged()
    {
        var state = new ZoneState();

        var step = ZoneReportEffect.Apply(state, ZoneRecords.Report(1, 1000, "a"), Now, Staleness);

        Assert.That(step.Result, Is.EqualTo(ReportResult.NotRegistered));
        Assert.That(step.Next, Is.SameAs(state));
    }

    [Test]
    public void Apply_NotNewerOrAboveTheCeiling_Duplicate()
    {
        var state = Registered(ZoneRecords.Report(5, 1000, "a"));

        Assert.That(ZoneReportEffect.Apply(state, ZoneRecords.Report(5, 2000, "a"), Now, Staleness).Result, Is.EqualTo(ReportResult.Duplicate));
        Assert.That(ZoneReportEffect.Apply(state, ZoneRecords.Report(4, 2000, "a"), Now, Staleness).Result, Is.EqualTo(ReportResult.Duplicate));
        Assert.That(ZoneReportEffect.Apply(state, ZoneRecords.Report(WireLimits.MaxSequence + 1, 2000, "a"), Now, Staleness).Result, Is.EqualTo(ReportResult.Duplicate));
    }

    [Test]
    public void Apply_UtilizationOnly_AcceptedAndWrittenBehind()
    {
        var state = Registered(ZoneRecords.Report(1, 1000, "a", "b"));

        var step = ZoneReportEffect.Apply(state, ZoneRecords.Report(2, 9000, "b", "a"), Now.AddSeconds(5), Staleness);

        Assert.That(step.Result, Is.EqualTo(ReportResult.Accepted));
        Assert.That(step.InventoryChanged, Is.False, "the same workloads in another order are no inventory change");
        Assert.That(step.Next.LastSequence, Is.EqualTo(2UL));
        Assert.That(step.Next.LastReceivedAt, Is.EqualTo(Now.AddSeconds(5)));
    }

    [Test]
    public void Apply_WorkloadAppearsOrChangesState_InventoryChanged()
    {
        var state = Registered(ZoneRecords.Report(1, 1000, "a"));
        var pending = ZoneRecords.Report(3, 1000, "a", "b");
        pending = pending with { Workloads = [pending.Workloads[0], pending.Workloads[1] with { State = WorkloadState.Pending }] };

        var appeared = ZoneReportEffect.Apply(state, pending, Now, Staleness);
        var running = ZoneReportEffect.Apply(appeared.Next, ZoneRecords.Report(4, 1000, "a", "b"), Now, Staleness);

        Assert.That(appeared.InventoryChanged, Is.True, "a new workload");
        Assert.That(running.InventoryChanged, Is.True, "Pending to Running is what a plan's move waits for");
    }

    [Test]
    public void Apply_StaleZoneReportsAgain_ReadyAgainAndAnInventoryChange()
    {
        var state = Registered(ZoneRecords.Report(1, 1000, "a")) with { Status = ZoneStatus.Unreachable };

        var step = ZoneReportEffect.Apply(state, ZoneRecords.Report(2, 1000, "a"), Now.AddMinutes(10), Staleness);

        Assert.That(step.Next.Status, Is.EqualTo(ZoneStatus.Ready));
        Assert.That(step.InventoryChanged, Is.True);
    }

    [Test]
    public void Apply_DegradedReport_StatusChangesAndIsWrittenAtOnce()
    {
        var state = Registered(ZoneRecords.Report(1, 1000, "a"));

        var step = ZoneReportEffect.Apply(state, ZoneRecords.Report(2, 1000, "a") with { Degraded = true }, Now, Staleness);

        Assert.That(step.Next.Status, Is.EqualTo(ZoneStatus.Degraded));
        Assert.That(step.InventoryChanged, Is.True);
    }

    [Test]
    public void Apply_BlindDegradedReport_KeepsTheLastInventoryWithTheNewReason()
    {
        var state = Registered(ZoneRecords.Report(1, 1000, "a", "b"));
        var blind = new ZoneReportData(2, Now, ResourceVector.Zero, ResourceVector.Zero, [], [], Degraded: true, "EC2 DescribeInstances: unreachable");

        var step = ZoneReportEffect.Apply(state, blind, Now, Staleness);

        Assert.That(step.Result, Is.EqualTo(ReportResult.Accepted));
        Assert.That(step.Next.Status, Is.EqualTo(ZoneStatus.Degraded));
        Assert.That(step.Next.LastSequence, Is.EqualTo(2UL));
        Assert.That(step.Next.LastReport!.Workloads.Select(w => w.WorkloadId), Is.EqualTo(new[] { "a", "b" }), "a report that saw nothing is no evidence the zone emptied");
        Assert.That(step.Next.LastReport.Capacity, Is.EqualTo(state.LastReport!.Capacity));
        Assert.That(step.Next.LastReport.DegradedReason, Is.EqualTo("EC2 DescribeInstances: unreachable"));
        Assert.That(step.InventoryChanged, Is.True);
    }

    [Test]
    public void Apply_DegradedReasonChanges_WrittenAtOnce()
    {
        var state = Registered(ZoneRecords.Report(1, 1000, "a") with { Degraded = true, DegradedReason = "throttled" });

        var same = ZoneReportEffect.Apply(state, ZoneRecords.Report(2, 1000, "a") with { Degraded = true, DegradedReason = "throttled" }, Now, Staleness);
        var changed = ZoneReportEffect.Apply(same.Next, ZoneRecords.Report(3, 1000, "a") with { Degraded = true, DegradedReason = "authentication failed" }, Now, Staleness);

        Assert.That(same.InventoryChanged, Is.False);
        Assert.That(changed.InventoryChanged, Is.True);
        Assert.That(changed.Next.LastReport!.DegradedReason, Is.EqualTo("authentication failed"));
    }
}
