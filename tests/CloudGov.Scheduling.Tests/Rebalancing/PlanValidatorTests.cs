using CloudGov.Domain;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Rebalancing;
using CloudGov.Scheduling.Tests.Support;

namespace CloudGov.Scheduling.Tests.Rebalancing;

public sealed class PlanValidatorTests
{
    private static readonly Reason Why = new("TEST", "test", "测试");

    private static IReadOnlyList<string> Validate(CloudSnapshot snapshot, params Move[] moves) =>
        PlanValidator.Validate(snapshot, moves, Build.Filters(), Build.Now, TimeSpan.FromHours(6));

    private static Move MoveOf(WorkloadSnapshot w, string from, string to) => new(w.Id, w.TenantId, from, to, w.Requests, w.MigrationCost, Why);

    [Test]
    public void Validate_SoundMove_NoViolation()
    {
        WorkloadSnapshot w = Build.Workload("w", "za");
        var snapshot = CloudSnapshot.Create([Build.Zone("za"), Build.Zone("zb")], [w]);

        Assert.That(Validate(snapshot, MoveOf(w, "za", "zb")), Is.Empty);
    }

    [Test]
    public void Validate_PinnedMoved_Violation()
    {
        WorkloadSnapshot w = Build.Workload("w", "za", movable: false);
        var snapshot = CloudSnapshot.Create([Build.Zone("za"), Build.Zone("zb")], [w]);

        Assert.That(Validate(snapshot, MoveOf(w, "za", "zb")), Has.One.Contains("pinned"));
    }

    [Test]
    public void Validate_DestinationBelowLevel_Violation()
    {
        WorkloadSnapshot w = Build.Workload("w", "za", level: MlpsLevel.Level3);
        var snapshot = CloudSnapshot.Create([Build.Zone("za"), Build.Zone("zb", level: MlpsLevel.Level2)], [w]);

        Assert.That(Validate(snapshot, MoveOf(w, "za", "zb")), Has.One.Contains("MLPS_LEVEL_TOO_LOW"));
    }

    [Test]
    public void Validate_DestinationOverCapacity_Violation()
    {
        WorkloadSnapshot w = Build.Workload("w", "za", cpu: 6_000);
        var snapshot = CloudSnapshot.Create([Build.Zone("za"), Build.Zone("zb")], [w, Build.Workload("x", "zb", cpu: 4_000)]);

        Assert.That(Validate(snapshot, MoveOf(w, "za", "zb")), Has.One.Contains("capacity"));
    }

    [Test]
    public void Validate_InsideCooldown_Violation()
    {
        WorkloadSnapshot w = Build.Workload("w", "za", lastMoved: Build.Now.AddMinutes(-30));
        var snapshot = CloudSnapshot.Create([Build.Zone("za"), Build.Zone("zb")], [w]);

        Assert.That(Validate(snapshot, MoveOf(w, "za", "zb")), Has.One.Contains("cooldown"));
    }

    [Test]
    public void Validate_AntiAffinityPeerAtDestination_Violation()
    {
        WorkloadSnapshot w = Build.Workload("w", "za", group: "ha");
        var snapshot = CloudSnapshot.Create([Build.Zone("za"), Build.Zone("zb")], [w, Build.Workload("peer", "zb", group: "ha")]);

        Assert.That(Validate(snapshot, MoveOf(w, "za", "zb")), Has.One.Contains("anti-affinity"));
    }

    [Test]
    public void Validate_FrozenDestination_Violation()
    {
        WorkloadSnapshot w = Build.Workload("w", "za");
        var snapshot = CloudSnapshot.Create(
            [Build.Zone("za"), Build.Zone("zb")], [w], [new FreezeWindow(Build.Now.AddHours(-1), Build.Now.AddHours(1), "zb", "upgrade")]);

        Assert.That(Validate(snapshot, MoveOf(w, "za", "zb")), Has.One.Contains("frozen"));
    }
}
