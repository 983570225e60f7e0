using CloudGov.ControlPlane.Abstractions.Audit;
using CloudGov.ControlPlane.Persistence.Audit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CloudGov.ControlPlane.Tests.Audit;

/// <summary>The audit trail on a real SQLite file: appends, filtered pages, concurrent appends and a failing store.</summary>
public sealed class SqliteAuditTrailTests
{
    [Test]
    public async Task Append_ThreeEntries_SequencedFromOneAndEachChainedToThePreviousHash()
    {
        var time = new FakeTimeProvider(AuditTrails.Start);
        await using var handle = AuditStores.Sqlite(AuditTrails.NewSqlitePath(), NullLoggerFactory.Instance);
        var trail = AuditTrails.Over(handle.Store, "cloudgov", time);

        var entries = await AuditTrails.AppendAsync(trail, time, 3);

        Assert.That(entries.Select(e => e.Sequence), Is.EqualTo(new long[] { 1, 2, 3 }));
        Assert.That(entries[0].PreviousHash, Is.EqualTo(AuditEntry.GenesisHash));
        Assert.That(entries[1].PreviousHash, Is.EqualTo(entries[0].Hash));
        Assert.That(entries[2].PreviousHash, Is.EqualTo(entries[1].Hash));
        Assert.That(entries.Select(AuditCanonical.HashOf), Is.EqualTo(entries.Select(e => e.Hash)));
        var stored = await handle.Store.ReadAsync("cloudgov", 0, 10, CancellationToken.None);
        Assert.That(stored, Is.EqualTo(entries).Using<AuditEntry>(SameEntry), "what is read back is what was hashed");
        Assert.That((await trail.VerifyAsync()).Intact, Is.True);
    }

    [Test]
    public async Task List_TwentyFiveEntriesInPagesOfTen_ThreePagesInChainOrderThenNoContinuation()
    {
        var time = new FakeTimeProvider(AuditTrails.Start);
        await using var handle = AuditStores.Sqlite(AuditTrails.NewSqlitePath(), NullLoggerFactory.Instance);
        var trail = AuditTrails.Over(handle.Store, "cloudgov", time);
        await AuditTrails.AppendAsync(trail, time, 25);

        var seen = new List<long>();
        long after = 0;
        var sizes = new List<int>();
        while (true)
        {
            var page = await trail.ListAsync(new AuditQuery(null, null, null, null, null, after, 10));
            sizes.Add(page.Entries.Length);
            seen.AddRange(page.Entries.Select(e => e.Sequence));
            if (page.ContinueAfter is not { } next)
            {
                break;
            }

            after = next;
        }

        Assert.That(sizes, Is.EqualTo(new[] { 10, 10, 5 }));
        Assert.That(seen, Is.EqualTo(Enumerable.Range(1, 25).Select(i => (long)i)));
    }

    [Test]
    public async Task List_ByActorActionTargetAndTimeRange_OnlyMatchingEntries()
    {
        var time = new FakeTimeProvider(AuditTrails.Start);
        await using var handle = AuditStores.Sqlite(AuditTrails.NewSqlitePath(), NullLoggerFactory.Instance);
        var trail = AuditTrails.Over(handle.Store, "cloudgov", time);
        await AuditTrails.AppendAsync(trail, time, 12);   // entry i at Start + (i-1) minutes, actor i%3, approve when i even

        var byActor = await trail.ListAsync(new AuditQuery(null, null, "alice", null, null, 0, 100));
        var byAction = await trail.ListAsync(new AuditQuery(null, null, null, "plan_cancelled", null, 0, 100));
        var byTarget = await trail.ListAsync(new AuditQuery(null, null, null, null, "plan-0007", 0, 100));
        var byTenantTarget = await trail.ListAsync(new AuditQuery(null, null, "bob", null, "tenant-0", 0, 100));
        var byTime = await trail.ListAsync(new AuditQuery(AuditTrails.Start.AddMinutes(3), AuditTrails.Start.AddMinutes(6), null, null, null, 0, 100));

        Assert.That(byActor.Entries.Select(e => e.Sequence), Is.EqualTo(new long[] { 3, 6, 9, 12 }));
        Assert.That(byAction.Entries.Select(e => e.Sequence), Is.EqualTo(new long[] { 1, 3, 5, 7, 9, 11 }));
        Assert.That(byTarget.Entries.Select(e => e.Sequence), Is.EqualTo(new long[] { 7 }));
        Assert.That(byTenantTarget.Entries.Select(e => e.Sequence), Is.EqualTo(new long[] { 4, 10 }));
        Assert.That(byTime.Entries.Select(e => e.Sequence), Is.EqualTo(new long[] { 4, 5, 6 }), "from is inclusive, to exclusive");
    }

    [Test]
    public async Task Append_TwoHundredAtOnceFromEightCallers_OneGaplessChainThatVerifies()
    {
        var time = new FakeTimeProvider(AuditTrails.Start);
        await using var handle = AuditStores.Sqlite(AuditTrails.NewSqlitePath(), NullLoggerFactory.Instance);
        var trail = AuditTrails.Over(handle.Store, "cloudgov", time);

        var appended = await Task.WhenAll(Enumerable.Range(0, 8).Select(caller => Task.Run(async () =>
        {
            var mine = new List<AuditEntry>();
            for (int i = 0; i < 25; i++)
            {
                mine.Add(await trail.AppendAsync(AuditTrails.Draft((caller * 25) + i)));
            }

            return mine;
        })));

        Assert.That(appended.SelectMany(e => e).Select(e => e.Sequence).Order(), Is.EqualTo(Enumerable.Range(1, 200).Select(i => (long)i)));
        var verification = await trail.VerifyAsync();
        Assert.That(verification.Intact, Is.True, verification.Message);
        Assert.That((verification.EntriesChecked, verification.HeadSequence), Is.EqualTo((200L, 200L)));
    }

    [Test]
    public async Task Append_StoreRefusesTheInsert_ThrowsAuditUnavailableStoresNothingAndTheDecisionIsNotMade()
    {
        var path = AuditTrails.NewSqlitePath();
        var time = new FakeTimeProvider(AuditTrails.Start);
        await using var handle = AuditStores.Sqlite(path, NullLoggerFactory.Instance);
        var trail = AuditTrails.Over(handle.Store, "cloudgov", time);
        await AuditTrails.AppendAsync(trail, time, 2);
        SqliteTampering.Execute(path, "CREATE TRIGGER refuse_insert BEFORE INSERT ON audit_entries BEGIN SELECT RAISE(ABORT, 'disk full'); END;");
        bool decided = false;

        var failure = await Assert.ThrowsAsync<AuditUnavailableException>(() => trail.DecideAsync(
            AuditTrails.Draft(3),
            () => { decided = true; return Task.FromResult(1); },
            _ => AuditOutcome.Applied()));

        Assert.That(failure!.Message, Does.Contain("decision was not made"));
        Assert.That(decided, Is.False, "a decision whose entry could not be stored must not be made");
        Assert.That(await handle.Store.ReadHeadAsync("cloudgov", CancellationToken.None), Is.EqualTo(new AuditHead(2, (await handle.Store.ReadAsync("cloudgov", 1, 1, CancellationToken.None))[0].Hash)));
        Assert.That(await handle.Store.ReadAsync("cloudgov", 0, 10, CancellationToken.None), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Decide_DecisionRefused_RecordedThenFollowedByDecisionNotAppliedNamingIt()
    {
        var time = new FakeTimeProvider(AuditTrails.Start);
        await using var handle = AuditStores.Sqlite(AuditTrails.NewSqlitePath(), NullLoggerFactory.Instance);
        var trail = AuditTrails.Over(handle.Store, "cloudgov", time);

        await trail.DecideAsync(AuditTrails.Draft(2), () => Task.FromResult("WrongState"), r => AuditOutcome.NotApplied($"{r}: plan is Cancelled"));

        var entries = await handle.Store.ReadAsync("cloudgov", 0, 10, CancellationToken.None);
        Assert.That(entries.Select(e => e.Action), Is.EqualTo(new[] { "plan_approved", "decision_not_applied" }));
        Assert.That(entries[1].Detail["refers_to"], Is.EqualTo("1"));
        Assert.That(entries[1].Reason, Is.EqualTo("WrongState: plan is Cancelled"));
        Assert.That(entries[1].Actor, Is.EqualTo(entries[0].Actor));
    }

    [Test]
    public async Task Append_OverlongFields_CutToTheLimitsAndStillVerifies()
    {
        var time = new FakeTimeProvider(AuditTrails.Start);
        await using var handle = AuditStores.Sqlite(AuditTrails.NewSqlitePath(), NullLoggerFactory.Instance);
        var trail = AuditTrails.Over(handle.Store, "cloudgov", time);
        var draft = AuditEntryDraft.Of(new AuditActor(new string('s', 1000), "operator", ""), AuditAction.IntentChanged, new string('r', 10_000),
            Enumerable.Range(0, 40).Select(i => $"w-{i}"), ("k", new string('v', 5000)));

        var entry = await trail.AppendAsync(draft);

        Assert.That(entry.Actor.Subject, Has.Length.EqualTo(AuditLimits.MaxSubjectLength).And.EndsWith("…"));
        Assert.That(entry.Reason, Has.Length.EqualTo(AuditLimits.MaxReasonLength));
        Assert.That(entry.Targets, Has.Length.EqualTo(AuditLimits.MaxTargets));
        Assert.That(entry.Targets[^1], Is.EqualTo("+25 more"));
        Assert.That(entry.Detail["k"], Has.Length.EqualTo(AuditLimits.MaxDetailValueLength));
        Assert.That((await trail.VerifyAsync()).Intact, Is.True);
    }

    [Test]
    public async Task Append_NulInsideLimitsAndDetailSortedByAnotherComparer_StoredCutAndOrdinalAndStillVerifies()
    {
        // Entries already within the limits are stored as drafted (no rebuild); these two are not, and must still be
        // bounded exactly as before: a NUL replaced, and the detail re-sorted ordinally ("B" before "a").
        var time = new FakeTimeProvider(AuditTrails.Start);
        await using var handle = AuditStores.Sqlite(AuditTrails.NewSqlitePath(), NullLoggerFactory.Instance);
        var trail = AuditTrails.Over(handle.Store, "cloudgov", time);
        var detail = ImmutableSortedDictionary.Create<string, string>(StringComparer.OrdinalIgnoreCase).Add("a", "1").Add("B", "x\u0000y");
        var draft = new AuditEntryDraft(new AuditActor("ops", "operator", ""), AuditAction.IntentChanged, ["w\u00001"], detail, "why");

        var entry = await trail.AppendAsync(draft);

        Assert.That(entry.Targets, Is.EqualTo(new[] { "w\uFFFD1" }));
        Assert.That(entry.Detail.Keys, Is.EqualTo(new[] { "B", "a" }));
        Assert.That(entry.Detail["B"], Is.EqualTo("x\uFFFDy"));
        var stored = await handle.Store.ReadAsync("cloudgov", 0, 10, CancellationToken.None);
        Assert.That(stored, Is.EqualTo(new[] { entry }).Using<AuditEntry>(SameEntry));
        Assert.That((await trail.VerifyAsync()).Intact, Is.True);
    }

    private static bool SameEntry(AuditEntry a, AuditEntry b) =>
        a.Chain == b.Chain && a.Sequence == b.Sequence && a.At == b.At && a.Actor == b.Actor && a.Action == b.Action
        && a.Targets.SequenceEqual(b.Targets) && a.Detail.SequenceEqual(b.Detail) && a.Reason == b.Reason
        && a.PreviousHash == b.PreviousHash && a.Hash == b.Hash;
}
