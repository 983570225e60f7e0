using CloudGov.Domain;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Rebalancing;
using CloudGov.Scheduling.Tests.Support;

namespace CloudGov.Scheduling.Tests.Model;

public sealed class CloudSnapshotTests
{
    [Test]
    public void Create_ValidInput_IndexesZonesAndWorkloads()
    {
        var snapshot = CloudSnapshot.Create([Build.Zone("za"), Build.Zone("zb")], [Build.Workload("w1", "zb"), Build.Workload("w2", null)]);

        Assert.Multiple(() =>
        {
            Assert.That(snapshot.IndexOfZone("zb"), Is.EqualTo(1));
            Assert.That(snapshot.ZoneOf(0), Is.EqualTo(1));
            Assert.That(snapshot.ZoneOf(1), Is.EqualTo(-1));
            Assert.That(snapshot.WorkloadsIn(1), Is.EqualTo(new[] { 0 }));
            Assert.That(snapshot.ZoneLoads()[1], Is.EqualTo(new ResourceVector(1_000, 1_024, 10)));
        });
    }

    [Test]
    public void Create_Workloads_ColumnsMatchTheWorkloads()
    {
        var snapshot = CloudSnapshot.Create(
            [Build.Zone("za"), Build.Zone("zb")],
            [
                Build.Workload("w1", "za", regions: ["450100"]),
                Build.Workload("w2", "zb", cpu: 2_000, regions: ["450100"], movable: false, group: "g"),
                Build.Workload("w3", "za", regions: ["450200"], group: "g"),
                Build.Workload("w4", null, level: MlpsLevel.Level3, regions: ["450100"], group: "g"),
            ]);

        Assert.Multiple(() =>
        {
            Assert.That(snapshot.EligibilityKeyOf(1), Is.EqualTo(snapshot.EligibilityKeyOf(0)), "same level, plane and regions");
            Assert.That(snapshot.EligibilityKeyOf(2), Is.Not.EqualTo(snapshot.EligibilityKeyOf(0)), "other regions");
            Assert.That(snapshot.EligibilityKeyOf(3), Is.Not.EqualTo(snapshot.EligibilityKeyOf(0)), "other level");
            Assert.That(snapshot.EligibilityKeyCount, Is.EqualTo(3));
            Assert.That(snapshot.RepresentativeOf(snapshot.EligibilityKeyOf(1)), Is.EqualTo(0));
            Assert.That(snapshot.RequestsOf(1), Is.EqualTo(snapshot.Workloads[1].Requests));
            Assert.That(snapshot.IsMovable(1), Is.False);
            Assert.That(snapshot.IsMovable(0), Is.True);
            Assert.That(snapshot.GroupedWorkloads, Is.EqualTo(new[] { 1, 2 }), "placed workloads with a group only");
        });
    }

    [Test]
    public void Create_DuplicateZone_Throws() =>
        Assert.That(() => CloudSnapshot.Create([Build.Zone("za"), Build.Zone("za")], []), Throws.TypeOf<SnapshotValidationException>().With.Message.Contains("twice"));

    [Test]
    public void Create_RegionCodeNotSixDigits_Throws() =>
        Assert.That(() => CloudSnapshot.Create([Build.Zone("za", region: "4501")], []), Throws.TypeOf<SnapshotValidationException>().With.Message.Contains("6 digits"));

    [Test]
    public void Create_WorkloadInUnknownZone_Throws() =>
        Assert.That(() => CloudSnapshot.Create([Build.Zone("za")], [Build.Workload("w1", "zz")]), Throws.TypeOf<SnapshotValidationException>().With.Message.Contains("unknown"));

    [Test]
    public void Create_TargetOutOfRange_Throws() =>
        Assert.That(() => CloudSnapshot.Create([Build.Zone("za", target: 1.2)], []), Throws.TypeOf<SnapshotValidationException>().With.Message.Contains("target"));

    [Test]
    public void Create_BadResidencyEntry_Throws() =>
        Assert.That(() => CloudSnapshot.Create([Build.Zone("za")], [Build.Workload("w1", "za", regions: ["4501x"])]), Throws.TypeOf<SnapshotValidationException>());

    [Test]
    public void Create_InvalidZoneId_Throws() =>
        Assert.That(() => CloudSnapshot.Create([Build.Zone("Zone_A")], []), Throws.TypeOf<SnapshotValidationException>());

    [Test]
    public void Apply_Moves_RelocatesAndStampsLastMoved()
    {
        var snapshot = CloudSnapshot.Create([Build.Zone("za"), Build.Zone("zb")], [Build.Workload("w1", "za")]);
        var move = new Move("w1", "dept-a", "za", "zb", default, 1, new Reason("X", "x", "x"));

        CloudSnapshot next = snapshot.Apply([move], Build.Now);

        Assert.That(next.Workloads[0].CurrentZoneId, Is.EqualTo("zb"));
        Assert.That(next.Workloads[0].LastMovedAt, Is.EqualTo(Build.Now));
    }
}
