using static CloudGov.ControlPlane.Tests.Ledger.LedgerRecords;

namespace CloudGov.ControlPlane.Tests.Ledger;

/// <summary>A shard applies what zones report: adoption, staleness, full and delta syncs, missing workloads, failed placements and changed zone facts.</summary>
public sealed class LedgerBookSyncTests
{
    [Test]
    public void Apply_ReportedWorkloadWithoutRecord_AdoptedUnmanagedAndPinned()
    {
        var book = Book();

        book.Apply(Sync(NanningA, 1, [Reported("w-1")]), Now);

        var record = book.Records["w-1"];
        Assert.That(record.Managed, Is.False);
        Assert.That(record.Intent.Pinned, Is.True, "an adopted workload is never moved until its intent is registered");
        Assert.That(record.State, Is.EqualTo(ReconciliationState.Unmanaged));
        Assert.That(record.ZoneId, Is.EqualTo("nn-a"));
        Assert.That(record.Intent.TenantId, Is.EqualTo("nn-rsj"));
        Assert.That(record.Intent.Requests, Is.EqualTo(Requests));
        Assert.That(record.Intent.NetworkPlane, Is.EqualTo(NetworkPlane.Unspecified), "adoption never guesses a plane");
        Assert.That(record.Intent.AllowedRegions, Is.Empty, "adoption never guesses a residency");
        Assert.That(record.History.Select(e => (e.Kind, e.By)), Is.EqualTo(new[] { (LedgerEventKind.Adopted, "zone:nn-a") }));
    }

    [Test]
    public void Apply_LabelsDeclareRegionsPlaneAndValidIntent_AdoptedManagedWithThatIntent()
    {
        var book = Book();
        var labels = new[]
        {
            (IntentLabels.AllowedRegions, "4501,4502"),
            (IntentLabels.NetworkPlane, "egov-extranet"),
            (IntentLabels.Tenant, "nn-ybj"),
            (IntentLabels.System, "医保结算"),
            (IntentLabels.Project, "数字政府二期"),
            (IntentLabels.MlpsLevel, "3"),
            (IntentLabels.AntiAffinity, "yb-db"),
            (IntentLabels.Priority, "-7"),
            (IntentLabels.MigrationCost, "2.5"),
        };

        book.Apply(Sync(NanningA, 1, [Reported("w-1", level: MlpsLevel.Level3, labels: labels)]), Now);

        var record = book.Records["w-1"];
        var intent = record.Intent;
        Assert.That(record.Managed, Is.True);
        Assert.That(record.State, Is.EqualTo(ReconciliationState.InSync), record.StateDetail);
        Assert.That(intent.AllowedRegions, Is.EqualTo(new[] { "4501", "4502" }));
        Assert.That(intent.NetworkPlane, Is.EqualTo(NetworkPlane.EGovExtranet));
        Assert.That(intent.TenantId, Is.EqualTo("nn-ybj"));
        Assert.That(intent.System, Is.EqualTo("医保结算"));
        Assert.That(intent.Project, Is.EqualTo("数字政府二期"));
        Assert.That(intent.MlpsLevel, Is.EqualTo(MlpsLevel.Level3));
        Assert.That(intent.AntiAffinityGroup, Is.EqualTo("yb-db"));
        Assert.That(intent.Priority, Is.EqualTo(-7));
        Assert.That(intent.MigrationCost, Is.EqualTo(2.5));
        Assert.That(intent.Pinned, Is.False);
        Assert.That(record.History.Single().Kind, Is.EqualTo(LedgerEventKind.Adopted));
    }

    [TestCase(IntentLabels.NetworkPlane, "dmz", IntentLabels.NetworkPlane)]
    [TestCase(IntentLabels.AllowedRegions, "南宁", IntentLabels.AllowedRegions)]
    [TestCase(IntentLabels.AllowedRegions, "4501,45010", IntentLabels.AllowedRegions)]
    [TestCase(IntentLabels.MlpsLevel, "5", IntentLabels.MlpsLevel)]
    [TestCase(IntentLabels.Priority, "high", IntentLabels.Priority)]
    [TestCase(IntentLabels.MigrationCost, "-1", IntentLabels.MigrationCost)]
    [TestCase(IntentLabels.Tenant, "two words", IntentLabels.Tenant)]
    public void Apply_InvalidIntentLabelValue_AdoptedUnmanagedWithReasonInHistory(string key, string value, string named)
    {
        var book = Book();
        var labels = Declared().Where(l => l.Key != key).Append((key, value)).ToArray();

        book.Apply(Sync(NanningA, 1, [Reported("w-1", labels: labels)]), Now);

        var record = book.Records["w-1"];
        Assert.That(record.Managed, Is.False);
        Assert.That(record.Intent.Pinned, Is.True);
        Assert.That(record.State, Is.EqualTo(ReconciliationState.Unmanaged));
        Assert.That(record.History.Single().Detail, Does.Contain(named));
    }

    [Test]
    public void Apply_LabelsDeclareOnlyTheRegions_AdoptedUnmanagedSayingThePlaneIsMissing()
    {
        var book = Book();

        book.Apply(Sync(NanningA, 1, [Reported("w-1", labels: [(IntentLabels.AllowedRegions, "45")])]), Now);

        Assert.That(book.Records["w-1"].Managed, Is.False);
        Assert.That(book.Records["w-1"].History.Single().Detail, Does.Contain("only one of").And.Contain(IntentLabels.NetworkPlane));
    }

    [Test]
    public void Apply_LabelsDeclareIntentButNoLevelIsKnown_AdoptedUnmanagedSayingSo()
    {
        var book = Book();

        book.Apply(Sync(NanningA, 1, [Reported("w-1", level: MlpsLevel.Unspecified, labels: Declared())]), Now);

        Assert.That(book.Records["w-1"].Managed, Is.False);
        Assert.That(book.Records["w-1"].History.Single().Detail, Does.Contain(IntentLabels.MlpsLevel));
    }

    [Test]
    public void Apply_UnmanagedRecordReportedLaterWithDeclaringLabels_RegisteredAndReleased()
    {
        var book = Book();
        book.Apply(Sync(NanningA, 1, [Reported("w-1")]), Now);

        book.Apply(Sync(NanningA, 2, [Reported("w-1", labels: Declared())]), Now.AddMinutes(1));

        var record = book.Records["w-1"];
        Assert.That(record.Managed, Is.True);
        Assert.That(record.Intent.Pinned, Is.False);
        Assert.That(record.State, Is.EqualTo(ReconciliationState.InSync), record.StateDetail);
        Assert.That(record.History.Select(e => e.Kind), Does.Contain(LedgerEventKind.Registered));
    }

    [Test]
    public void Apply_OlderSequence_ChangesNothing()
    {
        var book = Book();
        book.Apply(Sync(NanningA, 5, [Reported("w-1")]), Now);
        var before = book.Records;

        var result = book.Apply(Sync(NanningA, 4, [Reported("w-1", new ResourceVector(8000, 8192, 100)), Reported("w-2")], full: true), Now.AddMinutes(1));

        Assert.That(book.Records, Is.SameAs(before));
        Assert.That(book.Records.ContainsKey("w-2"), Is.False);
        Assert.That(book.State.ZoneSequences["nn-a"], Is.EqualTo(5UL));
        Assert.That(result.Expected, Is.Empty);
    }

    [Test]
    public void Apply_OlderSequenceWithLowerLevelFacts_DoesNotReevaluate()
    {
        var book = Book();
        PlaceAndReport(book, Intent("w-1"), NanningA, sequence: 5);

        book.Apply(Sync(Facts("nn-a", MlpsLevel.Level1), 4), Now);

        Assert.That(book.Records["w-1"].State, Is.EqualTo(ReconciliationState.InSync));
        Assert.That(book.State.Zones["nn-a"].MlpsLevel, Is.EqualTo(MlpsLevel.Level3));
    }

    [Test]
    public void Apply_FullResyncOfWhatTheBookHolds_ChangesNothingSoNothingIsWritten()
    {
        var book = Book();
        book.Apply(Sync(NanningA, 1, [Reported("w-1"), Reported("w-2")], full: true), Now);
        var before = book.Records;
        long changes = book.Changes;

        book.Apply(Sync(NanningA, 2, [Reported("w-1"), Reported("w-2")], full: true), Now.AddMinutes(1));

        Assert.That(book.Changes, Is.EqualTo(changes), "the periodic resync costs no write");
        Assert.That(book.Records, Is.SameAs(before));
    }

    [Test]
    public void Apply_FullSyncWithoutAWorkload_MarksItGoneAndExpectsIt()
    {
        var book = Book();
        PlaceAndReport(book, Intent("w-1"), NanningA);
        PlaceAndReport(book, Intent("w-2"), NanningA, sequence: 2);

        var result = book.Apply(Sync(NanningA, 3, [Reported("w-1")], full: true), Now.AddMinutes(1));

        var gone = book.Records["w-2"];
        Assert.That(gone.Observed, Is.Empty);
        Assert.That(gone.ZoneId, Is.EqualTo("nn-a"), "it is still recorded where it should run");
        Assert.That(gone.State, Is.EqualTo(ReconciliationState.Pending), gone.StateDetail);
        Assert.That(book.Records["w-1"].State, Is.EqualTo(ReconciliationState.InSync));
        Assert.That(result.Expected, Is.EqualTo(new[] { "w-2" }));
    }

    [Test]
    public void Apply_DeltaWithGone_RemovesOnlyThatZonesObservation()
    {
        var book = Book();
        PlaceAndReport(book, Intent("w-1"), NanningA);
        book.Apply(Sync(NanningB, 1, [Reported("w-1")]), Now);

        book.Apply(Sync(NanningB, 2, gone: ["w-1"]), Now.AddMinutes(1));

        var record = book.Records["w-1"];
        Assert.That(record.Observed.Select(o => o.ZoneId), Is.EqualTo(new[] { "nn-a" }));
        Assert.That(record.State, Is.EqualTo(ReconciliationState.InSync), record.StateDetail);
    }

    [Test]
    public void Apply_MissingIds_MissingUntilReportedAgainThenInSync()
    {
        var book = Book();
        PlaceAndReport(book, Intent("w-1"), NanningA);
        book.Apply(Sync(NanningA, 2, full: true), Now.AddMinutes(1));

        book.Apply(Sync(NanningA, 5, missing: ["w-1"]), Now.AddMinutes(2));
        var missing = book.Records["w-1"];
        book.Apply(Sync(NanningA, 6, [Reported("w-1")]), Now.AddMinutes(3));
        var back = book.Records["w-1"];

        Assert.That(missing.MissingInZone, Is.True);
        Assert.That(missing.State, Is.EqualTo(ReconciliationState.Missing));
        Assert.That(missing.StateDetail, Does.Contain("stopped reporting"));
        Assert.That(back.MissingInZone, Is.False);
        Assert.That(back.State, Is.EqualTo(ReconciliationState.InSync));
        Assert.That(back.History.Where(e => e.Kind == LedgerEventKind.StateChanged).Select(e => e.Detail[..e.Detail.IndexOf(':', StringComparison.Ordinal)]),
            Is.EqualTo(new[] { "Pending → InSync", "InSync → Pending", "Pending → Missing", "Missing → InSync" }));
    }

    [Test]
    public void Apply_MissingIdTheZoneStillReports_Ignored()
    {
        var book = Book();
        PlaceAndReport(book, Intent("w-1"), NanningA);

        book.Apply(Sync(NanningA, 2, missing: ["w-1"]), Now.AddMinutes(1));

        Assert.That(book.Records["w-1"].MissingInZone, Is.False);
        Assert.That(book.Records["w-1"].State, Is.EqualTo(ReconciliationState.InSync));
    }

    [Test]
    public void Apply_MissingIdRecordedInAnotherZone_Ignored()
    {
        var book = Book();
        PlaceAndReport(book, Intent("w-1"), NanningA);
        book.Apply(Sync(NanningA, 2, full: true), Now);

        book.Apply(Sync(NanningB, 1, missing: ["w-1"]), Now.AddMinutes(1));

        Assert.That(book.Records["w-1"].State, Is.EqualTo(ReconciliationState.Pending));
    }

    [Test]
    public void Apply_FailedPlacement_EndsPlacingRecordAsMissingWithPlacementFailed()
    {
        var book = Book();
        book.RecordPlacement(Intent("w-1"), "nn-a", Placing("cmd-1"), "placement", Now);

        var result = book.Apply(Sync(NanningA, 1, failed: [new PlacementFailure("w-1", "cmd-1", "quota exceeded")]), Now.AddSeconds(10));

        var record = book.Records["w-1"];
        Assert.That(record.Placing, Is.Null);
        Assert.That(record.ZoneId, Is.Null, "it no longer holds room in the zone");
        Assert.That(record.State, Is.EqualTo(ReconciliationState.Missing));
        Assert.That(record.StateDetail, Does.Contain("nn-a").And.Contain("quota exceeded"));
        var failed = record.History.Single(e => e.Kind == LedgerEventKind.PlacementFailed);
        Assert.That((failed.By, failed.ToZoneId), Is.EqualTo(("zone:nn-a", "nn-a")));
        Assert.That(result.Expected, Is.Empty, "the zone is no longer expected to report it");
    }

    [Test]
    public void Apply_FailureOfAnotherCommand_LeavesThePlacementUnderWay()
    {
        var book = Book();
        book.RecordPlacement(Intent("w-1"), "nn-a", Placing("cmd-2"), "placement", Now);

        book.Apply(Sync(NanningA, 1, failed: [new PlacementFailure("w-1", "cmd-1", "an older attempt failed")]), Now.AddSeconds(10));

        Assert.That(book.Records["w-1"].Placing?.CommandId, Is.EqualTo("cmd-2"));
        Assert.That(book.Records["w-1"].State, Is.EqualTo(ReconciliationState.Pending));
    }

    [Test]
    public void Apply_ZoneFactsLowerLevel_ReevaluatesToViolating()
    {
        var book = Book();
        PlaceAndReport(book, Intent("w-1", level: MlpsLevel.Level3), NanningA);

        book.Apply(Sync(Facts("nn-a", MlpsLevel.Level2), 2), Now.AddMinutes(1));

        var record = book.Records["w-1"];
        Assert.That(record.State, Is.EqualTo(ReconciliationState.Violating));
        Assert.That(record.StateDetail, Does.Contain("certified for MLPS level 2").And.Contain("requires level 3"));
        Assert.That(record.History[^1].Kind, Is.EqualTo(LedgerEventKind.StateChanged));
    }
}
