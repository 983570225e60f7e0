using CloudGov.ControlPlane.Abstractions.Baselines;
using CloudGov.ControlPlane.Grains.Plans;
using CloudGov.ControlPlane.Grains.Zones;
using Microsoft.Extensions.Time.Testing;

namespace CloudGov.ControlPlane.Tests.Baselines;

/// <summary>
/// The evacuate action as the scheduler sees it: a zone violating an enforced, unwaived evacuate rule is Draining in the
/// snapshot with the rule named (its own status untouched), a waiver holds it off until expiry, and a zone whose agent is
/// away is not given work it cannot carry out.
/// </summary>
public sealed class EvacuationSnapshotTests
{
    private static readonly ZoneDescriptor Descriptor = new("测试", AdministrativeLevel.City, "450102", "v", ProviderKind.Simulated, MlpsLevel.Level3, NetworkPlane.EGovExtranet, 1, 1, ImmutableDictionary<string, string>.Empty, "1");

    private static readonly BaselineViolation Evacuate = new("gx-evacuate", 0b1111, true, BaselineViolation.EvacuateAction, 4, [new("storage.encryption_at_rest", "disabled", "enabled")], "unencrypted");

    private static readonly BaselineViolation Enforced = new("encryption-at-rest", 0b1100, true, 0, 3, [new("storage.encryption_at_rest", "disabled", "enabled")], "unencrypted");

    [Test]
    public void ToZone_EvacuateRuleViolated_DrainingForTheSchedulerWithTheRuleStatusKept()
    {
        var now = DateTimeOffset.UnixEpoch;
        var summary = Summary(ZoneStatus.Ready, [Enforced, Evacuate], [], now);

        var zone = SnapshotMapper.ToZone(summary, now, TimeSpan.FromDays(1), 0.8);

        Assert.That(summary.BaselineBlocks.Single(b => b.RuleId == "gx-evacuate").Evacuate, Is.True);
        Assert.That(summary.BaselineBlocks.Single(b => b.RuleId == "encryption-at-rest").Evacuate, Is.False);
        Assert.That((zone.Status, zone.EvacuationRule), Is.EqualTo((ZoneStatus.Draining, "gx-evacuate")));
        Assert.That(summary.Status, Is.EqualTo(ZoneStatus.Ready), "the zone's own status is not the scheduler's view");
    }

    [Test]
    public void ToZone_EnforcedRuleWithoutEvacuate_ReadyAndBlockedForItsLevelsOnly()
    {
        var now = DateTimeOffset.UnixEpoch;

        var zone = SnapshotMapper.ToZone(Summary(ZoneStatus.Ready, [Enforced], [], now), now, TimeSpan.FromDays(1), 0.8);

        Assert.That((zone.Status, zone.EvacuationRule), Is.EqualTo((ZoneStatus.Ready, (string?)null)));
        Assert.That(zone.BaselineBlock(MlpsLevel.Level3), Is.EqualTo("encryption-at-rest"));
    }

    [Test]
    public void ToZone_EvacuateRuleWaivedUntilExpiry_ReadyBeforeDrainingAfter()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var summary = Summary(ZoneStatus.Ready, [Evacuate], [new ZoneWaiver("w-000000000001", "gx-evacuate", clock.GetUtcNow().AddHours(1))], clock.GetUtcNow());

        var waived = SnapshotMapper.ToZone(summary, clock.GetUtcNow(), TimeSpan.FromDays(1), 0.8);
        clock.Advance(TimeSpan.FromHours(1));
        var expired = SnapshotMapper.ToZone(summary, clock.GetUtcNow(), TimeSpan.FromDays(1), 0.8);

        Assert.That((waived.Status, waived.EvacuationRule), Is.EqualTo((ZoneStatus.Ready, (string?)null)));
        Assert.That((expired.Status, expired.EvacuationRule), Is.EqualTo((ZoneStatus.Draining, "gx-evacuate")));
    }

    [Test]
    public void ToZone_QuarantinedZoneViolatesEvacuateRule_Evacuated()
    {
        var now = DateTimeOffset.UnixEpoch;

        var zone = SnapshotMapper.ToZone(Summary(ZoneStatus.Quarantined, [Evacuate], [], now), now, TimeSpan.FromDays(1), 0.8);

        Assert.That(zone.Status, Is.EqualTo(ZoneStatus.Draining), "quarantine keeps new work out; evacuation also moves the residents out");
    }

    [Test]
    public void ToZone_UnreachableZoneViolatesEvacuateRule_StaysUnreachable()
    {
        var now = DateTimeOffset.UnixEpoch;
        var summary = Summary(ZoneStatus.Ready, [Evacuate], [], now);

        var zone = SnapshotMapper.ToZone(summary, now.AddMinutes(10), TimeSpan.FromMinutes(1), 0.8);

        Assert.That((zone.Status, zone.EvacuationRule), Is.EqualTo((ZoneStatus.Unreachable, (string?)null)), "its agent cannot carry out moves");
    }

    [Test]
    public void Blocks_DegradedZoneReportedNoneOfTheDecidingFacts_BlockedButNotEvacuated()
    {
        var now = DateTimeOffset.UnixEpoch;
        var absent = Evacuate with { Evidence = [new("storage.encryption_at_rest", CloudGov.Baselines.Model.Evidence.Absent, "= enabled")] };
        var degraded = new ZoneReportData(1, now, ResourceVector.Zero, ResourceVector.Zero, [], [], true, "provider API unreachable");
        var state = new ZoneState { Descriptor = Descriptor, Status = ZoneStatus.Degraded, LastReport = degraded, Baseline = new ZoneBaseline([absent], [0, 0, 0, 0], now) };

        var block = ZoneBaselineEffect.Blocks(state, now).Single();
        var healthy = ZoneBaselineEffect.Blocks(state with { LastReport = degraded with { Degraded = false, DegradedReason = null } }, now).Single();
        var reported = ZoneBaselineEffect.Blocks(state with { Baseline = new ZoneBaseline([Evacuate], [0, 0, 0, 0], now) }, now).Single();

        Assert.That(block.Blocks(MlpsLevel.Level1, now), Is.True, "still enforced: nothing of its levels is placed there");
        Assert.That(block.Evacuate, Is.False, "a blind provider is no reason to move the residents");
        Assert.That(healthy.Evacuate, Is.True, "a healthy provider that does not report the fact: evacuated");
        Assert.That(reported.Evacuate, Is.True, "a degraded zone that reported the wrong value: evacuated");
    }

    private static ZoneSummary Summary(ZoneStatus status, ImmutableArray<BaselineViolation> violations, ImmutableArray<ZoneWaiver> waivers, DateTimeOffset now)
    {
        var state = new ZoneState { Descriptor = Descriptor, Status = status, BaselineWaivers = waivers, Baseline = new ZoneBaseline(violations, [1, 1, 1, 1], now) };
        return new ZoneSummary("z1", Descriptor, status, new ResourceVector(100_000, 400_000, 10_000), ResourceVector.Zero, ResourceVector.Zero, 0, true, now, 1, now)
        {
            BaselineBlocks = ZoneBaselineEffect.Blocks(state, now),
        };
    }
}
