using CloudGov.ControlPlane.Grains.Plans;
using static CloudGov.ControlPlane.Tests.Plans.PlanRecords;

namespace CloudGov.ControlPlane.Tests.Plans;

/// <summary>The one-cloud index and zone workloads map to the scheduler's snapshot.</summary>
public sealed class SnapshotMapperTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    private static ZoneSummary Summary(string id, ZoneDescriptor descriptor, DateTimeOffset? receivedAt, ResourceVector? capacity = null) => new(
        id, descriptor, ZoneStatus.Ready, capacity ?? new ResourceVector(64_000, 262_144, 4_000), ResourceVector.Zero, ResourceVector.Zero,
        0, true, receivedAt, 1, receivedAt);

    private static WorkloadObservation Workload(string id, WorkloadState state = WorkloadState.Running) =>
        new(id, "nn-rsj", "社保核心", new ResourceVector(4000, 8192, 100), new ResourceVector(1000, 4096, 60), MlpsLevel.Level2, state);

    [Test]
    public void Map_ZonesAndWorkloads_CarriesLevelRegionPlaneTargetAndStatus()
    {
        var labelled = Zone("450200", MlpsLevel.Level4, NetworkPlane.Internet) with
        {
            CpuOvercommit = 2.0,
            Labels = ImmutableDictionary<string, string>.Empty.Add(SnapshotMapper.TargetUtilizationLabel, "0.7"),
        };
        var zones = new[] { Summary("nn-a", Zone("450102"), ProposedAt), Summary("lz-a", labelled, ProposedAt.AddMinutes(-5)) };
        var workloads = new Dictionary<string, ImmutableArray<WorkloadObservation>>
        {
            ["nn-a"] = [Workload("w-1"), Workload("w-2", WorkloadState.Pending)],
            ["lz-a"] = [Workload("w-1"), Workload("w-3")],
        };

        var snapshot = SnapshotMapper.Map(zones, workloads, ProposedAt, Window, 0.8);

        var nn = snapshot.Zones.Single(z => z.Id == "nn-a");
        var lz = snapshot.Zones.Single(z => z.Id == "lz-a");
        Assert.That(nn.TargetUtilization, Is.EqualTo(0.8));
        Assert.That(nn.Status, Is.EqualTo(ZoneStatus.Ready));
        Assert.That(lz.TargetUtilization, Is.EqualTo(0.7));
        Assert.That(lz.MlpsLevel, Is.EqualTo(MlpsLevel.Level4));
        Assert.That(lz.NetworkPlane, Is.EqualTo(NetworkPlane.Internet));
        Assert.That(lz.RegionCode, Is.EqualTo("450200"));
        Assert.That(lz.OverCommit.Cpu, Is.EqualTo(2.0));
        Assert.That(lz.Status, Is.EqualTo(ZoneStatus.Unreachable), "silent past the staleness window");
        Assert.That(snapshot.Workloads.Select(w => w.Id), Is.EqualTo(new[] { "w-1", "w-2", "w-3" }), "a workload reported twice counts once");
        var w1 = snapshot.Workloads[0];
        Assert.That(w1.CurrentZoneId, Is.EqualTo("nn-a"));
        Assert.That(w1.RequiredLevel, Is.EqualTo(MlpsLevel.Level2));
        Assert.That(w1.NetworkPlane, Is.EqualTo(NetworkPlane.EGovExtranet));
        Assert.That(w1.AllowedRegions, Is.EqualTo(new[] { "45" }));
        Assert.That(w1.Movable, Is.True);
        Assert.That(snapshot.Workloads[1].Movable, Is.False, "only Running workloads move");
    }

    [Test]
    public void Map_WorkloadPlacedIntoItsZoneByACommand_CarriesThatTimeAsItsLastMove()
    {
        var zones = new[] { Summary("nn-a", Zone("450102"), ProposedAt), Summary("nn-b", Zone("450103"), ProposedAt) };
        var workloads = new Dictionary<string, ImmutableArray<WorkloadObservation>> { ["nn-a"] = [Workload("w-1"), Workload("w-2")], ["nn-b"] = [Workload("w-3")] };
        var placedAt = new Dictionary<string, ImmutableDictionary<string, DateTimeOffset>>
        {
            ["nn-a"] = ImmutableDictionary<string, DateTimeOffset>.Empty.Add("w-1", ProposedAt.AddMinutes(-3)),
            ["nn-b"] = ImmutableDictionary<string, DateTimeOffset>.Empty.Add("w-2", ProposedAt.AddMinutes(-9)),
        };

        var snapshot = SnapshotMapper.Map(zones, workloads, ProposedAt, Window, 0.8, placedAt);

        Assert.That(snapshot.Workloads.Select(w => (w.Id, w.LastMovedAt)), Is.EqualTo(new (string, DateTimeOffset?)[]
        {
            ("w-1", ProposedAt.AddMinutes(-3)),
            ("w-2", null),
            ("w-3", null),
        }), "a placement time counts only for the zone the workload is in now");
    }

    [Test]
    public void Map_ZoneWithoutReportOrBadRegion_LeftOut()
    {
        var zones = new[]
        {
            Summary("nn-empty", Zone(), ProposedAt, ResourceVector.Zero),
            Summary("nn-bad", Zone("4501"), ProposedAt),
            Summary("nn-ok", Zone(), ProposedAt),
        };
        var workloads = new Dictionary<string, ImmutableArray<WorkloadObservation>> { ["nn-bad"] = [Workload("w-9")] };

        var snapshot = SnapshotMapper.Map(zones, workloads, ProposedAt, Window, 0.8);

        Assert.That(snapshot.Zones.Select(z => z.Id), Is.EqualTo(new[] { "nn-ok" }));
        Assert.That(snapshot.Workloads, Is.Empty);
    }
}
