using CloudGov.ControlPlane.Grains.Plans;
using static CloudGov.ControlPlane.Tests.Plans.PlanRecords;

namespace CloudGov.ControlPlane.Tests.Plans;

/// <summary>The auto-approval policy approves a plan only when every move is within policy.</summary>
public sealed class AutoApprovalPolicyTests
{
    private static readonly Dictionary<string, ZoneDescriptor> Zones = new()
    {
        ["nn-a"] = Zone("450102"),
        ["nn-b"] = Zone("450103"),
        ["lz-a"] = Zone("450200"),
        ["nn-l4"] = Zone("450100", MlpsLevel.Level4),
        ["nn-net"] = Zone("450100", plane: NetworkPlane.Internet),
    };

    private static AutoApprovalOptions Enabled(int maxMoves = 5) => new() { Enabled = true, MaxMoves = maxMoves };

    [Test]
    public void Evaluate_SameCitySameLevelAndPlaneWithinMaxMoves_Approved()
    {
        var verdict = AutoApprovalPolicy.Evaluate(Proposed(null, Move(0, "nn-a", "nn-b"), Move(1, "nn-b", "nn-a")), Zones, Enabled());

        Assert.That(verdict.Approved, Is.True);
        Assert.That(verdict.Reasons.Select(r => r.Code), Is.EqualTo(new[] { AutoApprovalPolicy.Codes.WithinPolicy }));
        Assert.That(verdict.Reasons[0].Chinese, Is.Not.Empty);
    }

    [Test]
    public void Evaluate_PolicyDisabled_RefusedAsDisabled()
    {
        var verdict = AutoApprovalPolicy.Evaluate(Proposed(null, Move(0, "nn-a", "nn-b")), Zones, new AutoApprovalOptions());

        Assert.That(verdict.Approved, Is.False);
        Assert.That(verdict.Reasons.Single().Code, Is.EqualTo(AutoApprovalPolicy.Codes.Disabled));
    }

    [Test]
    public void Evaluate_MoreMovesThanMax_RefusedWithCount()
    {
        var verdict = AutoApprovalPolicy.Evaluate(Proposed(null, Move(0, "nn-a", "nn-b"), Move(1, "nn-a", "nn-b"), Move(2, "nn-a", "nn-b")), Zones, Enabled(maxMoves: 2));

        Assert.That(verdict.Approved, Is.False);
        Assert.That(verdict.Reasons.Single().Code, Is.EqualTo(AutoApprovalPolicy.Codes.TooManyMoves));
        Assert.That(verdict.Reasons.Single().English, Does.Contain("3 moves").And.Contain("at most 2"));
    }

    [Test]
    public void Evaluate_MoveToAnotherCity_RefusedAsCrossCity()
    {
        var verdict = AutoApprovalPolicy.Evaluate(Proposed(null, Move(0, "nn-a", "lz-a")), Zones, Enabled());

        Assert.That(verdict.Approved, Is.False);
        Assert.That(verdict.Reasons.Single().Code, Is.EqualTo(AutoApprovalPolicy.Codes.CrossCity));
    }

    [Test]
    public void Evaluate_MoveToAnotherCityWhenSameCityNotRequired_Approved()
    {
        var options = Enabled();
        options.SameCityOnly = false;

        Assert.That(AutoApprovalPolicy.Evaluate(Proposed(null, Move(0, "nn-a", "lz-a")), Zones, options).Approved, Is.True);
    }

    [Test]
    public void Evaluate_MoveChangesMlpsLevel_Refused()
    {
        var verdict = AutoApprovalPolicy.Evaluate(Proposed(null, Move(0, "nn-a", "nn-l4")), Zones, Enabled());

        Assert.That(verdict.Approved, Is.False);
        Assert.That(verdict.Reasons.Single().Code, Is.EqualTo(AutoApprovalPolicy.Codes.MlpsLevelChange));
    }

    [Test]
    public void Evaluate_MoveChangesNetworkPlane_Refused()
    {
        var verdict = AutoApprovalPolicy.Evaluate(Proposed(null, Move(0, "nn-a", "nn-net")), Zones, Enabled());

        Assert.That(verdict.Approved, Is.False);
        Assert.That(verdict.Reasons.Single().Code, Is.EqualTo(AutoApprovalPolicy.Codes.NetworkPlaneChange));
    }

    [Test]
    public void Evaluate_SeveralBreaches_EveryReasonListed()
    {
        var verdict = AutoApprovalPolicy.Evaluate(Proposed(null, Move(0, "nn-a", "lz-a"), Move(1, "nn-a", "nn-l4"), Move(2, "nn-a", "ghost")), Zones, Enabled(maxMoves: 2));

        Assert.That(verdict.Approved, Is.False);
        Assert.That(verdict.Reasons.Select(r => r.Code), Is.EquivalentTo(new[]
        {
            AutoApprovalPolicy.Codes.TooManyMoves, AutoApprovalPolicy.Codes.CrossCity,
            AutoApprovalPolicy.Codes.MlpsLevelChange, AutoApprovalPolicy.Codes.UnknownZone,
        }));
    }

    [Test]
    public void Evaluate_EmptyPlan_Refused()
    {
        var verdict = AutoApprovalPolicy.Evaluate(Proposed(), Zones, Enabled());

        Assert.That(verdict.Approved, Is.False);
        Assert.That(verdict.Reasons.Single().Code, Is.EqualTo(AutoApprovalPolicy.Codes.Empty));
    }
}
