using CloudGov.ControlPlane.Grains.Ledger;
using CloudGov.Scheduling.Filters;
using static CloudGov.ControlPlane.Tests.Ledger.LedgerRecords;

namespace CloudGov.ControlPlane.Tests.Ledger;

/// <summary>
/// Every reconciliation state is reached and left through the book's own operations (zones' syncs, placements, plans'
/// moves, intent changes), with the reason in words; moves in flight and the bounded history.
/// </summary>
public sealed class LedgerReconcilerTests
{
    private static IntentChangeRequest Change(string id, IntentPatch patch) => new(new WorkloadSelector(WorkloadIds: [id]), patch, "张工", "test");

    [Test]
    public void RecordPlacement_ThenReported_PendingThenInSync()
    {
        var book = Book();

        book.RecordPlacement(Intent("w-1"), "nn-a", Placing("cmd-1"), "placement", Now);
        var pending = book.Records["w-1"];
        book.Apply(Sync(NanningA, 1, [Reported("w-1")]), Now.AddSeconds(20));
        var running = book.Records["w-1"];

        Assert.That(pending.State, Is.EqualTo(ReconciliationState.Pending));
        Assert.That(pending.StateDetail, Does.Contain("being placed in nn-a").And.Contain("cmd-1"));
        Assert.That(running.State, Is.EqualTo(ReconciliationState.InSync));
        Assert.That(running.StateDetail, Is.EqualTo("running in nn-a as recorded"));
        Assert.That(running.Placing, Is.Null, "a reported placement is no longer under way");
    }

    [Test]
    public void Refresh_PlacementPastItsDeadline_MissingThenInSyncWhenReportedLate()
    {
        var book = Book();
        book.RecordPlacement(Intent("w-1"), "nn-a", Placing("cmd-1"), "placement", Now);

        bool changedBefore = book.Refresh(Now.AddMinutes(5));
        bool changedAfter = book.Refresh(Now.AddMinutes(6));
        var expired = book.Records["w-1"];
        book.Apply(Sync(NanningA, 1, [Reported("w-1")]), Now.AddMinutes(7));

        Assert.That(changedBefore, Is.False, "the deadline itself still holds the room");
        Assert.That(changedAfter, Is.True);
        Assert.That(expired.State, Is.EqualTo(ReconciliationState.Missing));
        Assert.That(expired.StateDetail, Does.Contain("not reported before its deadline"));
        Assert.That(book.Records["w-1"].State, Is.EqualTo(ReconciliationState.InSync));
        Assert.That(book.Refresh(Now.AddMinutes(8)), Is.False, "nothing depends on time any more");
    }

    [Test]
    public void ChangeIntent_NewIdThenReported_PendingThenInSyncWhereFirstReported()
    {
        var book = Book(shard: LedgerShards.Of("w-new"));
        var patch = new IntentPatch(TenantId: "nn-rsj", MlpsLevel: MlpsLevel.Level2, AllowedRegions: ["45"], NetworkPlane: NetworkPlane.EGovExtranet, Requests: Requests);
        book.ChangeIntent(Change("w-new", patch), apply: true, Now);
        var registered = book.Records["w-new"];

        book.Apply(Sync(NanningA, 1, [Reported("w-new")]), Now.AddMinutes(1));

        var observed = book.Records["w-new"];
        Assert.That(registered.State, Is.EqualTo(ReconciliationState.Pending));
        Assert.That(registered.StateDetail, Does.Contain("not placed in any zone yet"));
        Assert.That(observed.State, Is.EqualTo(ReconciliationState.InSync));
        Assert.That(observed.ZoneId, Is.EqualTo("nn-a"));
        Assert.That(observed.History.Select(e => e.Kind), Does.Contain(LedgerEventKind.Observed));
    }

    [Test]
    public void ChangeIntent_AdoptedRecordRegistered_UnmanagedThenInSyncAndReleased()
    {
        var book = Book(shard: LedgerShards.Of("w-1"));
        book.Apply(Sync(NanningA, 1, [Reported("w-1")]), Now);
        var adopted = book.Records["w-1"];

        book.ChangeIntent(Change("w-1", new IntentPatch(AllowedRegions: ["4501"], NetworkPlane: NetworkPlane.EGovExtranet)), apply: true, Now.AddMinutes(1));

        var registered = book.Records["w-1"];
        Assert.That(adopted.State, Is.EqualTo(ReconciliationState.Unmanaged));
        Assert.That(adopted.StateDetail, Does.Contain("reported by nn-a").And.Contain("pinned"));
        Assert.That(registered.State, Is.EqualTo(ReconciliationState.InSync));
        Assert.That(registered.Managed, Is.True);
        Assert.That(registered.Intent.Pinned, Is.False);
        Assert.That(registered.History.Select(e => e.Kind), Is.EqualTo(new[] { LedgerEventKind.Adopted, LedgerEventKind.Registered, LedgerEventKind.StateChanged }));
    }

    [Test]
    public void Apply_AdoptedRecordGoneThenMissing_MissingThenUnmanagedWhenBack()
    {
        var book = Book();
        book.Apply(Sync(NanningA, 1, [Reported("w-1")]), Now);

        book.Apply(Sync(NanningA, 2, full: true), Now);
        var gone = book.Records["w-1"];
        book.Apply(Sync(NanningA, 3, missing: ["w-1"]), Now);
        var missing = book.Records["w-1"];
        book.Apply(Sync(NanningA, 4, [Reported("w-1")]), Now);

        Assert.That(gone.State, Is.EqualTo(ReconciliationState.Unmanaged));
        Assert.That(gone.StateDetail, Does.Contain("not reported since its adoption"));
        Assert.That(missing.State, Is.EqualTo(ReconciliationState.Missing));
        Assert.That(book.Records["w-1"].State, Is.EqualTo(ReconciliationState.Unmanaged));
        Assert.That(book.Records["w-1"].MissingInZone, Is.False);
    }

    [Test]
    public void Apply_AlsoReportedByAnotherZone_DriftedUntilThatZoneDropsIt()
    {
        var book = Book();
        PlaceAndReport(book, Intent("w-1"), NanningA);

        book.Apply(Sync(NanningB, 1, [Reported("w-1")]), Now);
        var drifted = book.Records["w-1"];
        book.Apply(Sync(NanningB, 2, gone: ["w-1"]), Now);

        Assert.That(drifted.State, Is.EqualTo(ReconciliationState.Drifted));
        Assert.That(drifted.StateDetail, Is.EqualTo("recorded in nn-a, also reported by nn-b"));
        Assert.That(book.Records["w-1"].State, Is.EqualTo(ReconciliationState.InSync));
    }

    [Test]
    public void Apply_ReportedOnlyByAnotherZone_DriftedUntilBackWhereRecorded()
    {
        var book = Book();
        PlaceAndReport(book, Intent("w-1"), NanningA);
        book.Apply(Sync(NanningA, 2, full: true), Now);

        book.Apply(Sync(NanningB, 1, [Reported("w-1")]), Now);
        var drifted = book.Records["w-1"];
        book.Apply(Sync(NanningA, 3, [Reported("w-1")]), Now);
        book.Apply(Sync(NanningB, 2, full: true), Now);

        Assert.That(drifted.State, Is.EqualTo(ReconciliationState.Drifted));
        Assert.That(drifted.StateDetail, Is.EqualTo("recorded in nn-a, reported by nn-b"));
        Assert.That(drifted.ZoneId, Is.EqualTo("nn-a"), "a report elsewhere never re-records the workload");
        Assert.That(book.Records["w-1"].State, Is.EqualTo(ReconciliationState.InSync));
    }

    [Test]
    public void Apply_ReportedWithOtherRequests_DriftedUntilTheIntentAcceptsThem()
    {
        var book = Book(shard: LedgerShards.Of("w-1"));
        PlaceAndReport(book, Intent("w-1"), NanningA);
        var bigger = new ResourceVector(8000, 16384, 100);

        book.Apply(Sync(NanningA, 2, [Reported("w-1", bigger)]), Now);
        var drifted = book.Records["w-1"];
        book.ChangeIntent(Change("w-1", new IntentPatch(Requests: bigger)), apply: true, Now.AddMinutes(1));

        Assert.That(drifted.State, Is.EqualTo(ReconciliationState.Drifted));
        Assert.That(drifted.StateDetail, Does.Contain("reports requests").And.Contain("cpu=8000m"));
        Assert.That(book.Records["w-1"].State, Is.EqualTo(ReconciliationState.InSync));
        Assert.That(book.Records["w-1"].Intent.Requests, Is.EqualTo(bigger));
    }

    [Test]
    public void Apply_ReportedWithAnotherLevel_DriftedUntilReportedAsIntended()
    {
        var book = Book();
        PlaceAndReport(book, Intent("w-1"), NanningA);

        book.Apply(Sync(NanningA, 2, [Reported("w-1", level: MlpsLevel.Level1)]), Now);
        var drifted = book.Records["w-1"];
        book.Apply(Sync(NanningA, 3, [Reported("w-1")]), Now);

        Assert.That(drifted.State, Is.EqualTo(ReconciliationState.Drifted));
        Assert.That(drifted.StateDetail, Does.Contain("reports MLPS level 1"));
        Assert.That(book.Records["w-1"].State, Is.EqualTo(ReconciliationState.InSync));
    }

    [Test]
    public void Apply_ZoneLevelBelowTheIntent_ViolatingUntilCertifiedAgain()
    {
        var book = Book();
        PlaceAndReport(book, Intent("w-1", level: MlpsLevel.Level3), NanningA);

        book.Apply(Sync(Facts("nn-a", MlpsLevel.Level2), 2), Now);
        var violating = book.Records["w-1"];
        book.Apply(Sync(NanningA, 3), Now);

        Assert.That(violating.State, Is.EqualTo(ReconciliationState.Violating));
        Assert.That(violating.StateDetail, Does.StartWith("runs in nn-a (450102, MLPS 2)"));
        Assert.That(book.Records["w-1"].State, Is.EqualTo(ReconciliationState.InSync));
    }

    [Test]
    public void Apply_NanningOnlyIntentInAProvincialZone_ViolatingWithAResidencyReason()
    {
        var book = Book(shard: LedgerShards.Of("w-1"));
        var provincial = Facts("gx-a", region: "450000");

        PlaceAndReport(book, Intent("w-1", allowedRegions: ["4501"]), provincial);
        var violating = book.Records["w-1"];
        var widened = book.ChangeIntent(Change("w-1", new IntentPatch(AllowedRegions: ["45"])), apply: true, Now.AddMinutes(1));

        Assert.That(violating.State, Is.EqualTo(ReconciliationState.Violating));
        Assert.That(violating.StateDetail, Does.Contain("zone gx-a is in region 450000, outside the allowed regions [4501]"));
        Assert.That(widened.Breaks, Is.Empty);
        Assert.That(book.Records["w-1"].State, Is.EqualTo(ReconciliationState.InSync));
    }

    [Test]
    public void Apply_NanningOnlyLabelsInAProvincialZone_AdoptedManagedAndViolating()
    {
        var book = Book();

        book.Apply(Sync(Facts("gx-a", region: "450000"), 1, [Reported("w-1", labels: [(IntentLabels.AllowedRegions, "4501"), (IntentLabels.NetworkPlane, "egov-extranet")])]), Now);

        var record = book.Records["w-1"];
        Assert.That(record.Managed, Is.True);
        Assert.That(record.State, Is.EqualTo(ReconciliationState.Violating));
        Assert.That(record.StateDetail, Does.Contain("outside the allowed regions [4501]"));
    }

    [Test]
    public void ChangeIntent_NanningOnlyPreviewOnAProvincialZone_NamesTheResidencyBreak()
    {
        var book = Book(shard: LedgerShards.Of("w-1"));
        PlaceAndReport(book, Intent("w-1"), Facts("gx-a", region: "450000"));

        var preview = book.ChangeIntent(Change("w-1", new IntentPatch(AllowedRegions: ["4501"])), apply: false, Now);

        var broken = preview.Breaks.Single();
        Assert.That((broken.WorkloadId, broken.ZoneId), Is.EqualTo(("w-1", "gx-a")));
        Assert.That(broken.Reasons.Select(r => r.Code), Is.EqualTo(new[] { ReasonCodes.ResidencyNotAllowed }));
        Assert.That(book.Records["w-1"].State, Is.EqualTo(ReconciliationState.InSync), "a preview changes nothing");
    }

    [Test]
    public void Apply_ZoneOnAnotherPlane_ViolatingUntilMovedToTheRightPlane()
    {
        var book = Book();
        PlaceAndReport(book, Intent("w-1"), NanningA);
        var move = new MoveInFlight("plan-1", 0, "nn-a", "nn-b");

        book.Apply(Sync(Facts("nn-a", plane: NetworkPlane.Internet), 2), Now);
        var violating = book.Records["w-1"];
        book.MoveStarted("w-1", move, Now.AddMinutes(1));
        book.Apply(Sync(NanningB, 1, [Reported("w-1")]), Now.AddMinutes(2));
        var bothReport = book.Records["w-1"];
        book.MoveCompleted("w-1", move, Now.AddMinutes(3));
        book.Apply(Sync(Facts("nn-a", plane: NetworkPlane.Internet), 3, gone: ["w-1"]), Now.AddMinutes(4));

        Assert.That(violating.State, Is.EqualTo(ReconciliationState.Violating));
        Assert.That(violating.StateDetail, Does.Contain("Internet plane").And.Contain("must run on EGovExtranet"));
        Assert.That(bothReport.State, Is.EqualTo(ReconciliationState.Violating), "the copy still running on the wrong plane breaks the intent");
        Assert.That(book.Records["w-1"].State, Is.EqualTo(ReconciliationState.InSync));
        Assert.That(book.Records["w-1"].ZoneId, Is.EqualTo("nn-b"));
    }

    [Test]
    public void MoveStarted_TargetReportsItsCopy_InSyncNotDrifted()
    {
        var book = Book();
        PlaceAndReport(book, Intent("w-1"), NanningA);

        book.MoveStarted("w-1", new MoveInFlight("plan-1", 0, "nn-a", "nn-b"), Now.AddMinutes(1));
        book.Apply(Sync(NanningB, 1, [Reported("w-1")]), Now.AddMinutes(2));

        var record = book.Records["w-1"];
        Assert.That(record.State, Is.EqualTo(ReconciliationState.InSync));
        Assert.That(record.StateDetail, Is.EqualTo("running in nn-a; plan plan-1 is moving it to nn-b"));
        Assert.That(record.ZoneId, Is.EqualTo("nn-a"), "it is recorded in its source until the move completes");
        Assert.That(record.History.Last(e => e.Kind == LedgerEventKind.MoveStarted).PlanId, Is.EqualTo("plan-1"));
    }

    [Test]
    public void MoveStarted_SameMoveTwice_SecondChangesNothing()
    {
        var book = Book();
        PlaceAndReport(book, Intent("w-1"), NanningA);
        var move = new MoveInFlight("plan-1", 0, "nn-a", "nn-b");
        book.MoveStarted("w-1", move, Now);
        var once = book.Records["w-1"];

        bool changed = book.MoveStarted("w-1", move, Now.AddMinutes(1));

        Assert.That(changed, Is.False);
        Assert.That(book.Records["w-1"], Is.SameAs(once));
    }

    [Test]
    public void MoveEnded_TargetStillReportsTheCopy_Drifted()
    {
        var book = Book();
        PlaceAndReport(book, Intent("w-1"), NanningA);
        var move = new MoveInFlight("plan-1", 0, "nn-a", "nn-b");
        book.MoveStarted("w-1", move, Now);
        book.Apply(Sync(NanningB, 1, [Reported("w-1")]), Now);

        bool otherMove = book.MoveEnded("w-1", move with { MoveIndex = 1 }, "rolled back", Now);
        bool ended = book.MoveEnded("w-1", move, "rolled back: target never ran it", Now.AddMinutes(1));

        var record = book.Records["w-1"];
        Assert.That(otherMove, Is.False, "only the move in flight ends");
        Assert.That(ended, Is.True);
        Assert.That(record.Moving, Is.Null);
        Assert.That(record.ZoneId, Is.EqualTo("nn-a"));
        Assert.That(record.State, Is.EqualTo(ReconciliationState.Drifted), "a copy the plan no longer accounts for");
        Assert.That(record.History.Single(e => e.Kind == LedgerEventKind.MoveEnded).Detail, Is.EqualTo("rolled back: target never ran it"));
    }

    [Test]
    public void MoveCompleted_SourceRemovedItFirst_RecordsTheTargetAsItsZone()
    {
        var book = Book();
        PlaceAndReport(book, Intent("w-1"), NanningA);
        var move = new MoveInFlight("plan-1", 0, "nn-a", "nn-b");
        book.MoveStarted("w-1", move, Now);
        book.Apply(Sync(NanningB, 1, [Reported("w-1")]), Now);
        book.Apply(Sync(NanningA, 2, gone: ["w-1"]), Now);
        var movedAt = Now.AddMinutes(3);

        bool changed = book.MoveCompleted("w-1", move, movedAt);

        var record = book.Records["w-1"];
        Assert.That(changed, Is.True);
        Assert.That(record.ZoneId, Is.EqualTo("nn-b"));
        Assert.That(record.ZoneSince, Is.EqualTo(movedAt));
        Assert.That(record.LastPlacedAt, Is.EqualTo(movedAt), "the rebalancer's cooldown starts at the move");
        Assert.That(record.Moving, Is.Null);
        Assert.That(record.State, Is.EqualTo(ReconciliationState.InSync));
        var moved = record.History.Single(e => e.Kind == LedgerEventKind.Moved);
        Assert.That((moved.By, moved.FromZoneId, moved.ToZoneId, moved.PlanId), Is.EqualTo(("plan:plan-1", "nn-a", "nn-b", "plan-1")));
    }

    [Test]
    public void MoveCompleted_CalledAgainAfterItsStateChanged_ChangesNothing()
    {
        var book = Book();
        PlaceAndReport(book, Intent("w-1"), NanningA);
        var move = new MoveInFlight("plan-1", 0, "nn-a", "nn-b");
        book.MoveStarted("w-1", move, Now);
        book.Apply(Sync(NanningB, 1, [Reported("w-1")]), Now);
        book.MoveCompleted("w-1", move, Now.AddMinutes(3));
        var once = book.Records["w-1"];

        bool again = book.MoveCompleted("w-1", move, Now.AddMinutes(9));

        Assert.That((once.State, once.Observed.Select(o => o.ZoneId).Single()), Is.EqualTo((ReconciliationState.InSync, "nn-b")), "a move completes only once the source removed its copy, so the record drops it");
        Assert.That(again, Is.False);
        Assert.That(book.Records["w-1"], Is.SameAs(once));
        Assert.That(book.Records["w-1"].LastPlacedAt, Is.EqualTo(Now.AddMinutes(3)), "a retried completion does not restart the cooldown");
    }

    [Test]
    public void MoveCompleted_CalledAgainAfterTheSourceDroppedItsCopy_ChangesNothing()
    {
        var book = Book();
        PlaceAndReport(book, Intent("w-1"), NanningA);
        var move = new MoveInFlight("plan-1", 0, "nn-a", "nn-b");
        book.MoveStarted("w-1", move, Now);
        book.Apply(Sync(NanningB, 1, [Reported("w-1")]), Now);
        book.MoveCompleted("w-1", move, Now.AddMinutes(3));
        book.Apply(Sync(NanningA, 2, gone: ["w-1"]), Now.AddMinutes(4));
        var settled = book.Records["w-1"];

        bool again = book.MoveCompleted("w-1", move, Now.AddMinutes(9));

        Assert.That(settled.State, Is.EqualTo(ReconciliationState.InSync));
        Assert.That(again, Is.False);
        Assert.That(book.Records["w-1"].History.Count(e => e.Kind == LedgerEventKind.Moved), Is.EqualTo(1));
        Assert.That(book.Records["w-1"].ZoneSince, Is.EqualTo(Now.AddMinutes(3)));
    }

    [Test]
    public void MoveStarted_MoreEventsThanKept_HistoryKeepsTheNewestOnly()
    {
        var book = Book(historyKept: 3);
        PlaceAndReport(book, Intent("w-1"), NanningA);

        for (int i = 0; i < 4; i++)
        {
            book.MoveStarted("w-1", new MoveInFlight($"plan-{i}", 0, "nn-a", "nn-b"), Now.AddMinutes(i));
        }

        var history = book.Records["w-1"].History;
        Assert.That(history, Has.Length.EqualTo(3));
        Assert.That(history.Select(e => e.PlanId), Is.EqualTo(new[] { "plan-1", "plan-2", "plan-3" }));
    }

    [Test]
    public void Counts_RecordsInEachState_CountedPerZone()
    {
        var book = Book();
        PlaceAndReport(book, Intent("w-1"), NanningA);
        book.Apply(Sync(NanningA, 2, [Reported("w-1"), Reported("w-2")]), Now);
        book.RecordPlacement(Intent("w-3"), "nn-b", Placing("cmd-3"), "placement", Now);

        var counts = book.Counts().OrderBy(c => c.ZoneId, StringComparer.Ordinal).ThenBy(c => c.State).ToList();

        Assert.That(counts, Is.EqualTo(new[]
        {
            new LedgerCount("nn-a", ReconciliationState.InSync, 1),
            new LedgerCount("nn-a", ReconciliationState.Unmanaged, 1),
            new LedgerCount("nn-b", ReconciliationState.Pending, 1),
        }));
    }
}
