using CloudGov.ControlPlane.Grains.Plans;
using static CloudGov.ControlPlane.Tests.Plans.PlanRecords;

namespace CloudGov.ControlPlane.Tests.Plans;

/// <summary>Just before a move starts it is checked against the ledger's record and the zones as they are now.</summary>
public sealed class MoveGateTests
{
    private const string PlanId = "plan-0000000000000001";

    private static readonly PlanMove Move0 = Move(0, "nn-a", "nn-b");

    private static ZoneSummary Summary(string id, ZoneDescriptor descriptor, ZoneStatus status = ZoneStatus.Ready) => new(
        id, descriptor, status, new ResourceVector(64_000, 262_144, 4_000), ResourceVector.Zero, ResourceVector.Zero, 0, true, ProposedAt, 1, ProposedAt);

    private static Dictionary<string, ZoneSummary> Zones(ZoneSummary? target = null) => new()
    {
        ["nn-a"] = Summary("nn-a", Zone("450102")),
        ["nn-b"] = target ?? Summary("nn-b", Zone("450103")),
    };

    private static WorkloadSpec Intent => new(
        Move0.WorkloadId, "nn-rsj", "社保核心", "数字政府一期", Move0.Requests, MlpsLevel.Level3, ["4501"], NetworkPlane.EGovExtranet, Priority: 3);

    private static WorkloadRecord Record => new()
    {
        Intent = Intent,
        Managed = true,
        ZoneId = "nn-a",
        Observed = [new ObservedPlacement("nn-a", Move0.Requests, MlpsLevel.Level3, WorkloadState.Running, 1, ProposedAt)],
        State = ReconciliationState.InSync,
    };

    [Test]
    public void For_EverythingHolds_PassesWithTheRecordsIntentAsSpec()
    {
        var gate = MoveGate.For(PlanId, Move0, Record, Zones());

        Assert.That(gate.Refusal, Is.Null);
        Assert.That(gate.Spec, Is.EqualTo(Intent));
    }

    [Test]
    public void For_ThisMoveAlreadyInFlight_Passes()
    {
        var moving = Record with { Moving = new MoveInFlight(PlanId, 0, "nn-a", "nn-b") };

        Assert.That(MoveGate.For(PlanId, Move0, moving, Zones()).Refusal, Is.Null, "a retried step finds its own move started");
    }

    [Test]
    public void For_NoRecord_Refused()
    {
        var gate = MoveGate.For(PlanId, Move0, null, Zones());

        Assert.That(gate.Refusal, Does.Contain("has no ledger record"));
        Assert.That(gate.Spec, Is.Null);
    }

    [Test]
    public void For_Unmanaged_RefusedUntilItsIntentIsRegistered()
    {
        var gate = MoveGate.For(PlanId, Move0, Record with { Managed = false }, Zones());

        Assert.That(gate.Refusal, Does.Contain("is unmanaged"));
        Assert.That(gate.Spec, Is.Null);
    }

    [Test]
    public void For_PinnedByItsIntent_Refused()
    {
        var gate = MoveGate.For(PlanId, Move0, Record with { Intent = Intent with { Pinned = true } }, Zones());

        Assert.That(gate.Refusal, Does.Contain("is pinned"));
    }

    [TestCase("nn-c", "in nn-c, not in nn-a")]
    [TestCase(null, "in no zone, not in nn-a")]
    public void For_RecordedElsewhere_RefusedNamingWhere(string? recorded, string expected)
    {
        var gate = MoveGate.For(PlanId, Move0, Record with { ZoneId = recorded }, Zones());

        Assert.That(gate.Refusal, Does.Contain(expected));
    }

    [Test]
    public void For_BeingMovedByAnotherPlan_Refused()
    {
        var moving = Record with { Moving = new MoveInFlight("plan-0000000000000002", 3, "nn-a", "nn-c") };

        Assert.That(MoveGate.For(PlanId, Move0, moving, Zones()).Refusal, Does.Contain("being moved by plan plan-0000000000000002"));
    }

    [Test]
    public void For_TargetNoLongerKnown_Refused()
    {
        var zones = Zones();
        zones.Remove("nn-b");

        Assert.That(MoveGate.For(PlanId, Move0, Record, zones).Refusal, Does.Contain("target zone nn-b is no longer known"));
    }

    [TestCase(ZoneStatus.Draining)]
    [TestCase(ZoneStatus.Quarantined)]
    public void For_TargetDrainingOrQuarantined_Refused(ZoneStatus status)
    {
        var gate = MoveGate.For(PlanId, Move0, Record, Zones(Summary("nn-b", Zone("450103"), status)));

        Assert.That(gate.Refusal, Is.EqualTo($"target zone nn-b is {status}"));
    }

    [TestCase("450103", MlpsLevel.Level2, NetworkPlane.EGovExtranet, "certified for MLPS level 2")]
    [TestCase("450200", MlpsLevel.Level3, NetworkPlane.EGovExtranet, "outside the allowed regions [4501]")]
    [TestCase("450000", MlpsLevel.Level3, NetworkPlane.EGovExtranet, "in region 450000, outside the allowed regions [4501]")]
    [TestCase("450103", MlpsLevel.Level3, NetworkPlane.Internet, "on the Internet plane")]
    public void For_TargetBreaksTheIntent_RefusedWithTheBrokenRule(string region, MlpsLevel level, NetworkPlane plane, string expected)
    {
        var gate = MoveGate.For(PlanId, Move0, Record, Zones(Summary("nn-b", Zone(region, level, plane))));

        Assert.That(gate.Refusal, Does.StartWith("target zone nn-b breaks its intent").And.Contain(expected));
        Assert.That(gate.Spec, Is.Null);
    }

    [Test]
    public void For_HigherLevelTargetInsideTheRegions_Passes()
    {
        var gate = MoveGate.For(PlanId, Move0, Record, Zones(Summary("nn-b", Zone("450100", MlpsLevel.Level4))));

        Assert.That(gate.Refusal, Is.Null);
    }
}
