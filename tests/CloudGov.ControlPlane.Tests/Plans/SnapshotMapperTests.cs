using CloudGov.ControlPlane.Grains.Plans;
using CloudGov.Scheduling.Model;
using static CloudGov.ControlPlane.Tests.Plans.PlanRecords;

namespace CloudGov.ControlPlane.Tests.Plans;

/// <summary>The zones' summaries and the ledger's records map to the scheduler's snapshot, every constraint taken from the record's intent.</summary>
public sealed class SnapshotMapperTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    private static readonly ResourceVector Requests = new(4000, 8192, 100);

    private static readonly DateTimeOffset PlacedAt = ProposedAt.AddHours(-2);

    private static ZoneSummary Summary(string id, ZoneDescriptor descriptor, DateTimeOffset? receivedAt = null, ResourceVector? capacity = null) => new(
        id, descriptor, ZoneStatus.Ready, capacity ?? new ResourceVector(64_000, 262_144, 4_000), ResourceVector.Zero, ResourceVector.Zero,
        0, true, receivedAt ?? ProposedAt, 1, receivedAt ?? ProposedAt);

    private static readonly ZoneSummary[] TwoZones = [Summary("nn-a", Zone("450102")), Summary("nn-b", Zone("450103"))];

    private static WorkloadSpec Spec(string id) => new(
        id, "nn-rsj", "社保核心", "数字政府一期", Requests, MlpsLevel.Level2, ["45"], NetworkPlane.EGovExtranet);

    private static ObservedPlacement Seen(string zone, ResourceVector? requests = null, WorkloadState state = WorkloadState.Running, MlpsLevel level = MlpsLevel.Level2) =>
        new(zone, requests ?? Requests, level, state, 1, ProposedAt);

    /// <summary>A managed record running in sync in <paramref name="zone"/>.</summary>
    private static WorkloadRecord InSync(string id, string zone = "nn-a") => new()
    {
        Intent = Spec(id),
        Managed = true,
        ZoneId = zone,
        ZoneSince = PlacedAt,
        LastPlacedAt = PlacedAt,
        Observed = [Seen(zone)],
        State = ReconciliationState.InSync,
    };

    /// <summary>An unmanaged (adopted, pinned) record as its zone reported it.</summary>
    private static WorkloadRecord Adopted(string id, string zone = "nn-a") => new()
    {
        Intent = new WorkloadSpec(id, "nn-rsj", "社保核心", Requests: Requests, MlpsLevel: MlpsLevel.Level1, Pinned: true),
        Managed = false,
        ZoneId = zone,
        ZoneSince = PlacedAt,
        Observed = [Seen(zone, level: MlpsLevel.Level1)],
        State = ReconciliationState.Unmanaged,
    };

    private static CloudSnapshot Map(params WorkloadRecord[] records) => SnapshotMapper.Map(TwoZones, records, ProposedAt, Window, 0.8);

    [Test]
    public void Map_ZoneSummaries_CarryLevelRegionPlaneTargetOvercommitAndStatus()
    {
        var labelled = Zone("450200", MlpsLevel.Level4, NetworkPlane.Internet) with
        {
            CpuOvercommit = 2.0,
            Labels = ImmutableDictionary<string, string>.Empty.Add(SnapshotMapper.TargetUtilizationLabel, "0.7"),
        };
        var zones = new[] { Summary("nn-a", Zone("450102"), ProposedAt), Summary("lz-a", labelled, ProposedAt.AddMinutes(-5)) };

        var snapshot = SnapshotMapper.Map(zones, [], ProposedAt, Window, 0.8);

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
    }

    [Test]
    public void Map_ZoneWithoutReportOrBadRegion_LeftOutWithItsRecords()
    {
        var zones = new[]
        {
            Summary("nn-empty", Zone(), ProposedAt, ResourceVector.Zero),
            Summary("nn-bad", Zone("4501"), ProposedAt),
            Summary("nn-ok", Zone(), ProposedAt),
        };

        var snapshot = SnapshotMapper.Map(zones, [InSync("w-1", "nn-bad"), InSync("w-2", "nn-empty")], ProposedAt, Window, 0.8);

        Assert.That(snapshot.Zones.Select(z => z.Id), Is.EqualTo(new[] { "nn-ok" }));
        Assert.That(snapshot.Workloads, Is.Empty);
    }

    [Test]
    public void Map_ManagedRecord_ConstraintsFromItsIntent()
    {
        var record = InSync("w-1") with
        {
            Intent = Spec("w-1") with
            {
                AllowedRegions = ["4501", "4502"],
                NetworkPlane = NetworkPlane.EGovIntranet,
                MlpsLevel = MlpsLevel.Level3,
                AntiAffinityGroup = "sbk-db",
                Priority = 7,
                MigrationCost = 2.5,
            },
            Observed = [Seen("nn-a", new ResourceVector(6000, 8192, 100))],
        };

        var w = Map(record).Workloads.Single();

        Assert.That(w.Id, Is.EqualTo("w-1"));
        Assert.That(w.TenantId, Is.EqualTo("nn-rsj"));
        Assert.That(w.SystemId, Is.EqualTo("社保核心"));
        Assert.That(w.AllowedRegions, Is.EqualTo(new[] { "4501", "4502" }));
        Assert.That(w.NetworkPlane, Is.EqualTo(NetworkPlane.EGovIntranet), "the intent's plane, not the zone's");
        Assert.That(w.RequiredLevel, Is.EqualTo(MlpsLevel.Level3), "the intent's level, not the reported one");
        Assert.That(w.AntiAffinityGroup, Is.EqualTo("sbk-db"));
        Assert.That(w.Priority, Is.EqualTo(7));
        Assert.That(w.MigrationCost, Is.EqualTo(2.5));
        Assert.That(w.Requests.CpuMillicores, Is.EqualTo(6000), "what the zone reports is what it holds");
        Assert.That(w.CurrentZoneId, Is.EqualTo("nn-a"));
        Assert.That(w.LastMovedAt, Is.EqualTo(PlacedAt));
        Assert.That(w.Movable, Is.True);
    }

    [Test]
    public void Map_ManagedRecordWithoutAntiAffinity_NoGroup()
    {
        Assert.That(Map(InSync("w-1")).Workloads.Single().AntiAffinityGroup, Is.Null);
    }

    [Test]
    public void Map_RecordWithBlankAntiAffinityGroup_NoGroup()
    {
        var record = InSync("w-1") with { Intent = Spec("w-1") with { AntiAffinityGroup = "   " } };

        Assert.That(Map(record).Workloads.Single().AntiAffinityGroup, Is.Null, "a blank group stored by an earlier release is no group");
    }

    [Test]
    public void Map_UnmanagedRecord_PinnedWithNoConstraintBeyondWhereItRuns()
    {
        var w = Map(Adopted("w-1", "nn-b")).Workloads.Single();

        Assert.That(w.Movable, Is.False);
        Assert.That(w.AllowedRegions, Is.Empty);
        Assert.That(w.NetworkPlane, Is.EqualTo(NetworkPlane.EGovExtranet), "its zone's plane");
        Assert.That(w.RequiredLevel, Is.EqualTo(MlpsLevel.Level1), "the level its zone reports");
        Assert.That(w.CurrentZoneId, Is.EqualTo("nn-b"));
    }

    private static IEnumerable<TestCaseData> NotMovable()
    {
        yield return new TestCaseData(Adopted("w-1")).SetArgDisplayNames("unmanaged");
        yield return new TestCaseData(InSync("w-1") with { Intent = Spec("w-1") with { Pinned = true } }).SetArgDisplayNames("pinned");
        yield return new TestCaseData(InSync("w-1") with { Observed = [Seen("nn-a", new ResourceVector(8000, 8192, 100))], State = ReconciliationState.Drifted })
            .SetArgDisplayNames("drifted requests");
        yield return new TestCaseData(InSync("w-1") with { ZoneId = "nn-b", State = ReconciliationState.Drifted }).SetArgDisplayNames("runs where not recorded");
        yield return new TestCaseData(InSync("w-1") with { Moving = new MoveInFlight("plan-1", 0, "nn-a", "nn-b") }).SetArgDisplayNames("moving");
        yield return new TestCaseData(InSync("w-1") with { Observed = [Seen("nn-a", state: WorkloadState.Pending)] }).SetArgDisplayNames("pending");
        yield return new TestCaseData(InSync("w-1") with { Observed = [Seen("nn-a", state: WorkloadState.Failed)] }).SetArgDisplayNames("failed");
    }

    [TestCaseSource(nameof(NotMovable))]
    public void Map_RecordTheSchedulerMustNotMove_InTheSnapshotButNotMovable(WorkloadRecord record)
    {
        var w = Map(record).Workloads.Single();

        Assert.That(w.Movable, Is.False);
        Assert.That(w.CurrentZoneId, Is.EqualTo("nn-a"), "it still holds room where it runs");
    }

    [Test]
    public void Map_ViolatingRecord_MovableSoThatItCanLeave()
    {
        var w = Map(InSync("w-1") with { State = ReconciliationState.Violating }).Workloads.Single();

        Assert.That(w.Movable, Is.True);
    }

    [Test]
    public void Map_RecordReportedByTwoZones_CountsOnceWhereRecorded()
    {
        var record = InSync("w-1", "nn-b") with
        {
            Observed = [Seen("nn-a", new ResourceVector(1000, 1024, 10)), Seen("nn-b", new ResourceVector(2000, 2048, 20))],
            State = ReconciliationState.Drifted,
        };

        var w = Map(record).Workloads.Single();

        Assert.That(w.CurrentZoneId, Is.EqualTo("nn-b"));
        Assert.That(w.Requests.CpuMillicores, Is.EqualTo(2000));
    }

    [Test]
    public void Map_RecordedZoneUnknownButReportedInAKnownOne_CountsWhereReported()
    {
        var record = InSync("w-1", "nn-gone") with { Observed = [Seen("nn-x"), Seen("nn-b")], State = ReconciliationState.Drifted };

        var w = Map(record).Workloads.Single();

        Assert.That(w.CurrentZoneId, Is.EqualTo("nn-b"));
        Assert.That(w.Movable, Is.False);
    }

    [Test]
    public void Map_PlacingBeforeItsDeadline_ReservationInItsZone()
    {
        var placing = InSync("w-1", "nn-b") with { Observed = [], Placing = new PendingPlacement("cmd-1", ProposedAt.AddMinutes(1)), State = ReconciliationState.Pending };

        var w = Map(placing).Workloads.Single();

        Assert.That(w.CurrentZoneId, Is.EqualTo("nn-b"));
        Assert.That(w.Requests, Is.EqualTo(Requests), "the room its intent asks for");
        Assert.That(w.Movable, Is.False);
    }

    [Test]
    public void Map_PlacingPastItsDeadline_NotCounted()
    {
        var expired = InSync("w-1", "nn-b") with { Observed = [], Placing = new PendingPlacement("cmd-1", ProposedAt.AddSeconds(-1)), State = ReconciliationState.Missing };

        Assert.That(Map(expired).Workloads, Is.Empty);
    }

    private static IEnumerable<TestCaseData> InNoKnownZone()
    {
        yield return new TestCaseData(InSync("w-1", "nn-x")).SetArgDisplayNames("unknown zone");
        yield return new TestCaseData(InSync("w-1") with { Observed = [], State = ReconciliationState.Pending }).SetArgDisplayNames("gone, not placing");
        yield return new TestCaseData(InSync("w-1") with { ZoneId = null, Observed = [], State = ReconciliationState.Pending }).SetArgDisplayNames("registered, not placed");
        yield return new TestCaseData(InSync("w-1", "nn-x") with { Observed = [], Placing = new PendingPlacement("cmd-1", ProposedAt.AddMinutes(1)) })
            .SetArgDisplayNames("placing in unknown zone");
    }

    [TestCaseSource(nameof(InNoKnownZone))]
    public void Map_RecordCountingInNoKnownZone_LeftOut(WorkloadRecord record)
    {
        var skipped = new List<string>();

        var snapshot = SnapshotMapper.Map(TwoZones, [record, InSync("w-2")], ProposedAt, Window, 0.8, skipped);

        Assert.That(snapshot.Workloads.Select(w => w.Id), Is.EqualTo(new[] { "w-2" }));
        Assert.That(skipped, Is.Empty, "left out is not skipped: there is nothing wrong with it");
    }

    private static IEnumerable<TestCaseData> Unusable()
    {
        yield return new TestCaseData(InSync("w-bad") with { Intent = Spec("w-bad") with { TenantId = "" } }, "no tenant").SetArgDisplayNames("no tenant");
        yield return new TestCaseData(InSync("w-bad") with { Intent = Spec("w-bad") with { MigrationCost = -1 } }, "migration cost").SetArgDisplayNames("negative cost");
        yield return new TestCaseData(InSync("w-bad") with { Intent = Spec("w-bad") with { AllowedRegions = ["4"] } }, "residency").SetArgDisplayNames("bad residency");
        yield return new TestCaseData(InSync("w-bad") with { Observed = [Seen("nn-a", new ResourceVector(-1, 8192, 100))] }, "negative requests").SetArgDisplayNames("negative requests");
        yield return new TestCaseData(InSync("w-bad") with { Intent = Spec("w-bad") with { MlpsLevel = (MlpsLevel)9 } }, "MLPS level").SetArgDisplayNames("bad level");
        // Only the scheduler's own rule (SnapshotValidator) knows this bound: the round must skip it, not fail on it.
        yield return new TestCaseData(InSync("w-bad") with { Intent = Spec("w-bad") with { MigrationCost = 1e12 } }, "MigrationCost").SetArgDisplayNames("cost above the scheduler's ceiling");
        yield return new TestCaseData(InSync("w-bad") with { Intent = Spec("w-bad") with { AntiAffinityGroup = new string('g', 300) } }, "AntiAffinityGroup").SetArgDisplayNames("group name too long");
    }

    [TestCaseSource(nameof(Unusable))]
    public void Map_UnusableRecord_SkippedAndNamed(WorkloadRecord record, string why)
    {
        var skipped = new List<string>();

        var snapshot = SnapshotMapper.Map(TwoZones, [InSync("w-1"), record, InSync("w-2", "nn-b")], ProposedAt, Window, 0.8, skipped);

        Assert.That(snapshot.Workloads.Select(w => w.Id), Is.EqualTo(new[] { "w-1", "w-2" }));
        Assert.That(skipped.Single(), Does.StartWith("w-bad: ").And.Contain(why));
    }

    [Test]
    public void Map_UnusableRecordWithoutSkippedList_StillLeftOut()
    {
        var snapshot = Map(InSync("w-bad") with { Intent = Spec("w-bad") with { TenantId = "" } });

        Assert.That(snapshot.Workloads, Is.Empty);
    }

    [Test]
    public void Map_RecordsItCannotUse_SkippedAndNamed_TheRestScheduled()
    {
        var blankTenant = InSync("w-blank-tenant") with { Intent = Spec("w-blank-tenant") with { TenantId = "   " } };
        var blankId = InSync("   ");
        var huge = InSync("w-huge") with { Observed = [Seen("nn-a", requests: new ResourceVector(long.MaxValue, 1, 1))] };
        var noLevel = Adopted("w-no-level") with { Observed = [Seen("nn-a", level: (MlpsLevel)77)] };
        var skipped = new List<string>();

        var snapshot = SnapshotMapper.Map(TwoZones, [blankTenant, blankId, huge, noLevel, InSync("w-ok")], ProposedAt, Window, 0.8, skipped);

        Assert.That(snapshot.Workloads.Select(w => w.Id), Is.EqualTo(new[] { "w-ok" }));
        Assert.That(skipped, Has.Count.EqualTo(4));
        Assert.That(skipped, Has.Some.StartsWith("w-blank-tenant: no tenant"));
        Assert.That(skipped, Has.Some.StartsWith("w-huge: requests above the per-workload ceiling"));
        Assert.That(skipped, Has.Some.StartsWith("w-no-level: MLPS level"));
    }

    [Test]
    public void Map_ZoneItCannotUse_SkippedAndNamed_OtherZonesKept()
    {
        var undefinedLevel = Summary("nn-bad", Zone("450104") with { MlpsLevel = (MlpsLevel)77 });
        var absurd = Summary("nn-big", Zone("450105"), capacity: new ResourceVector(long.MaxValue, 1, 1));
        var skipped = new List<string>();

        var snapshot = SnapshotMapper.Map([.. TwoZones, undefinedLevel, absurd], [InSync("w-ok")], ProposedAt, Window, 0.8, skipped);

        Assert.That(snapshot.Zones.Select(z => z.Id), Is.EquivalentTo(new[] { "nn-a", "nn-b" }));
        Assert.That(skipped, Is.EquivalentTo(new[] { "zone nn-bad: MLPS level or network plane not set", "zone nn-big: capacity negative or above the ceiling" }));
        Assert.That(snapshot.Workloads.Select(w => w.Id), Is.EqualTo(new[] { "w-ok" }));
    }
}
