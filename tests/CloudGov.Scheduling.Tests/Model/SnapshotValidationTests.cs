using CloudGov.Domain;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Rebalancing;
using CloudGov.Scheduling.Tests.Support;

namespace CloudGov.Scheduling.Tests.Model;

/// <summary>Undefined enums, blank groups, amounts over the ceilings and sums at the ceilings.</summary>
public sealed class SnapshotValidationTests
{
    [Test]
    public void Create_ZoneLevelUndefined_ThrowsNamingZoneAndField()
    {
        SnapshotValidationException ex = Assert.Throws<SnapshotValidationException>(
            () => CloudSnapshot.Create([Build.Zone("za") with { MlpsLevel = (MlpsLevel)9 }], []))!;

        Assert.That(ex.Problem, Is.EqualTo(new SnapshotProblem(SnapshotItemKind.Zone, "za", nameof(ZoneSnapshot.MlpsLevel), ex.Problem.Message)));
    }

    [TestCase(nameof(ZoneSnapshot.NetworkPlane))]
    [TestCase(nameof(ZoneSnapshot.Status))]
    [TestCase(nameof(ZoneSnapshot.AdministrativeLevel))]
    [TestCase(nameof(ZoneSnapshot.Provider))]
    public void Create_ZoneEnumUndefined_Throws(string field)
    {
        ZoneSnapshot zone = Build.Zone("za");
        zone = field switch
        {
            nameof(ZoneSnapshot.NetworkPlane) => zone with { NetworkPlane = (NetworkPlane)7 },
            nameof(ZoneSnapshot.Status) => zone with { Status = (ZoneStatus)42 },
            nameof(ZoneSnapshot.AdministrativeLevel) => zone with { AdministrativeLevel = (AdministrativeLevel)(-1) },
            _ => zone with { Provider = (ProviderKind)99 },
        };

        SnapshotValidationException ex = Assert.Throws<SnapshotValidationException>(() => CloudSnapshot.Create([zone], []))!;

        Assert.That(ex.Problem.Field, Is.EqualTo(field));
    }

    [TestCase(-3, 1)]
    [TestCase(2, 7)]
    public void Create_WorkloadEnumUndefined_ThrowsNamingWorkload(int level, int plane)
    {
        WorkloadSnapshot w = Build.Workload("w1", "za") with { RequiredLevel = (MlpsLevel)level, NetworkPlane = (NetworkPlane)plane };

        SnapshotValidationException ex = Assert.Throws<SnapshotValidationException>(() => CloudSnapshot.Create([Build.Zone("za")], [w]))!;

        Assert.Multiple(() =>
        {
            Assert.That(ex.Problem.Kind, Is.EqualTo(SnapshotItemKind.Workload));
            Assert.That(ex.Problem.ItemId, Is.EqualTo("w1"));
            Assert.That(ex.Problem.Field, Is.EqualTo(level < 0 ? nameof(WorkloadSnapshot.RequiredLevel) : nameof(WorkloadSnapshot.NetworkPlane)));
        });
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Create_BlankAntiAffinityGroup_Throws(string group)
    {
        SnapshotValidationException ex = Assert.Throws<SnapshotValidationException>(
            () => CloudSnapshot.Create([Build.Zone("za")], [Build.Workload("w1", "za", group: group)]))!;

        Assert.That(ex.Problem.Field, Is.EqualTo(nameof(WorkloadSnapshot.AntiAffinityGroup)));
    }

    [Test]
    public void Create_RequestOfLongMaxValue_ThrowsAndDoesNotEchoTheValue()
    {
        WorkloadSnapshot w = Build.Workload("w1", "za", cpu: long.MaxValue);

        SnapshotValidationException ex = Assert.Throws<SnapshotValidationException>(() => CloudSnapshot.Create([Build.Zone("za")], [w]))!;

        Assert.Multiple(() =>
        {
            Assert.That(ex.Problem.Field, Is.EqualTo(nameof(WorkloadSnapshot.Requests)));
            Assert.That(ex.Message, Does.Not.Contain(long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(ex, Is.InstanceOf<ArgumentException>(), "callers catching ArgumentException keep working");
        });
    }

    [Test]
    public void Create_RequestOneOverCeiling_ThrowsAtCeilingAccepted()
    {
        Assert.That(SnapshotValidator.Workload(Build.Workload("w1", "za", mem: SnapshotLimits.MaxWorkloadAmount)), Is.Null);
        Assert.That(SnapshotValidator.Workload(Build.Workload("w1", "za", mem: SnapshotLimits.MaxWorkloadAmount + 1))?.Field, Is.EqualTo(nameof(WorkloadSnapshot.Requests)));
    }

    [Test]
    public void Create_ZoneCapacityOverCeilingOrOverCommitAbove64_Throws()
    {
        Assert.That(SnapshotValidator.Zone(Build.Zone("za", cpu: SnapshotLimits.MaxZoneAmount))?.Field, Is.Null);
        Assert.That(SnapshotValidator.Zone(Build.Zone("za", cpu: SnapshotLimits.MaxZoneAmount + 1))?.Field, Is.EqualTo(nameof(ZoneSnapshot.Capacity)));
        Assert.That(SnapshotValidator.Zone(Build.Zone("za") with { OverCommit = new OverCommit(Cpu: 65) })?.Field, Is.EqualTo(nameof(ZoneSnapshot.OverCommit)));
    }

    [Test]
    public void ZoneLoads_RequestsAtTheCeiling_SumWithoutWrapping()
    {
        // Many requests at the per-workload ceiling in one zone at the zone ceiling: the sum is exact and nothing of
        // that size is moved into a 10-core zone.
        const int n = 1_000;
        ZoneSnapshot big = Build.Zone("zbig", cpu: SnapshotLimits.MaxZoneAmount) with { OverCommit = new OverCommit(Cpu: SnapshotLimits.MaxOverCommit) };
        var workloads = Enumerable.Range(0, n).Select(i => Build.Workload($"w{i}", "zbig", cpu: SnapshotLimits.MaxWorkloadAmount, mem: 1, storage: 1)).ToList();
        workloads.Add(Build.Workload("small", "zsmall", cpu: 9_000));
        CloudSnapshot snapshot = CloudSnapshot.Create([big, Build.Zone("zsmall")], workloads);

        ResourceVector[] loads = snapshot.ZoneLoads();

        Assert.That(loads[0].CpuMillicores, Is.EqualTo(n * SnapshotLimits.MaxWorkloadAmount));
        RebalancePlan plan = Build.Strategy().Plan(snapshot);
        Assert.That(plan.Moves.Where(m => m.ToZoneId == "zsmall"), Is.Empty, "nothing of the ceiling size fits the 10-core zone");
    }

    [Test]
    public void Plan_TwoHugeRequestsInSmallZone_ZoneCountsAsFull()
    {
        // Two requests at the ceiling would, unbounded, be the kind of sum that wraps; here the 10-core zone holding
        // them is simply hot and receives nothing.
        CloudSnapshot snapshot = CloudSnapshot.Create(
            [Build.Zone("za"), Build.Zone("zb")],
            [Build.Workload("h1", "za", cpu: SnapshotLimits.MaxWorkloadAmount, movable: false), Build.Workload("h2", "za", cpu: SnapshotLimits.MaxWorkloadAmount, movable: false), Build.Workload("x", "zb", cpu: 9_000)]);

        RebalancePlan plan = Build.Strategy().Plan(snapshot);

        Assert.That(plan.Zones[0].HotBefore, Is.True);
        Assert.That(plan.Moves.Where(m => m.ToZoneId == "za"), Is.Empty);
    }

    [Test]
    public void Plan_ZeroCapacityZone_ReceivesNothingNotEvenZeroRequests()
    {
        CloudSnapshot snapshot = CloudSnapshot.Create(
            [Build.Zone("za", status: ZoneStatus.Draining), Build.Zone("zero", cpu: 0, mem: 0, storage: 0), Build.Zone("zb")],
            [Build.Workload("w0", "za", cpu: 0, mem: 0, storage: 0)]);

        RebalancePlan plan = Build.Strategy().Plan(snapshot);

        Assert.That(plan.Moves.Select(m => m.ToZoneId), Is.EqualTo(new[] { "zb" }));
    }
}
