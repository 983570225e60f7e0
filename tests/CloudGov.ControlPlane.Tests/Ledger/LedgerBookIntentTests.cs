using CloudGov.ControlPlane.Grains.Ledger;
using static CloudGov.ControlPlane.Tests.Ledger.LedgerRecords;

namespace CloudGov.ControlPlane.Tests.Ledger;

/// <summary>Intent changes: previews, registration of unmanaged records and new ids, selectors, and the shard's own ids only.</summary>
public sealed class LedgerBookIntentTests
{
    private static readonly IntentPatch Complete = new(
        TenantId: "nn-dsj", MlpsLevel: MlpsLevel.Level3, AllowedRegions: ["4501"], NetworkPlane: NetworkPlane.EGovExtranet, Requests: Requests, System: "一网通办");

    private static IntentChangeRequest Change(WorkloadSelector selector, IntentPatch patch) => new(selector, patch, "张工", "等保复测");

    private static IntentChangeRequest Change(string id, IntentPatch patch) => Change(new WorkloadSelector(WorkloadIds: [id]), patch);

    [Test]
    public void ChangeIntent_DryRun_ChangesNothingButReportsChangesAndBreaks()
    {
        var book = Book(shard: LedgerShards.Of("w-1"));
        PlaceAndReport(book, Intent("w-1"), NanningA);
        var before = book.Records;

        var outcome = book.ChangeIntent(Change("w-1", new IntentPatch(MlpsLevel: MlpsLevel.Level4, Priority: 5)), apply: false, Now.AddMinutes(1));

        Assert.That(book.Records, Is.SameAs(before));
        Assert.That(outcome.Matched, Is.EqualTo(1));
        Assert.That(outcome.Problems, Is.Empty);
        var change = outcome.Changes.Single();
        Assert.That(change.Before, Is.EqualTo(Intent("w-1")));
        Assert.That(change.After, Is.EqualTo(Intent("w-1", level: MlpsLevel.Level4) with { Priority = 5 }));
        Assert.That(change.Registers, Is.False);
        var broken = outcome.Breaks.Single();
        Assert.That((broken.WorkloadId, broken.ZoneId), Is.EqualTo(("w-1", "nn-a")));
        Assert.That(broken.Reasons.Single().English, Does.Contain("requires level 4"));
    }

    [Test]
    public void ChangeIntent_Applied_IntentChangedWithWhoAndWhyInHistory()
    {
        var book = Book(shard: LedgerShards.Of("w-1"));
        PlaceAndReport(book, Intent("w-1"), NanningA);

        book.ChangeIntent(Change("w-1", new IntentPatch(Priority: 5, AntiAffinityGroup: "sbk")), apply: true, Now.AddMinutes(1));

        var record = book.Records["w-1"];
        Assert.That(record.Intent.Priority, Is.EqualTo(5));
        Assert.That(record.Intent.AntiAffinityGroup, Is.EqualTo("sbk"));
        Assert.That(record.State, Is.EqualTo(ReconciliationState.InSync));
        var changed = record.History[^1];
        Assert.That((changed.Kind, changed.By), Is.EqualTo((LedgerEventKind.IntentChanged, "张工")));
        Assert.That(changed.Detail, Does.Contain("priority 0 → 5").And.Contain("等保复测"));
    }

    [Test]
    public void ChangeIntent_PatchThatChangesNothing_NoChangeAndNoHistory()
    {
        var book = Book(shard: LedgerShards.Of("w-1"));
        PlaceAndReport(book, Intent("w-1"), NanningA);
        var before = book.Records;

        var outcome = book.ChangeIntent(Change("w-1", new IntentPatch(Priority: 0)), apply: true, Now);

        Assert.That(outcome.Matched, Is.EqualTo(1));
        Assert.That(outcome.Changes, Is.Empty);
        Assert.That(book.Records, Is.SameAs(before));
    }

    [Test]
    public void ChangeIntent_UnmanagedWithoutRegionsAndPlane_ProblemAndNothingChangesForAnyMatch()
    {
        var book = Book();
        PlaceAndReport(book, Intent("w-managed"), NanningA);
        book.Apply(Sync(NanningA, 2, [Reported("w-managed"), Reported("w-adopted")]), Now);
        var before = book.Records;

        var outcome = book.ChangeIntent(Change(new WorkloadSelector(TenantId: "nn-rsj"), new IntentPatch(Priority: 5, AllowedRegions: ["45"])), apply: true, Now.AddMinutes(1));

        Assert.That(outcome.Matched, Is.EqualTo(2));
        Assert.That(outcome.Problems.Single(), Does.Contain("w-adopted").And.Contain("patch.allowed_regions and patch.network_plane"));
        Assert.That(book.Records, Is.SameAs(before), "a refused change changes no record, not even the managed one");
        Assert.That(book.Records["w-managed"].Intent.Priority, Is.EqualTo(0));
        Assert.That(book.Records["w-adopted"].Managed, Is.False);
    }

    [Test]
    public void ChangeIntent_UnmanagedWithRegionsAndPlane_RegisteredUnpinned()
    {
        var book = Book();
        book.Apply(Sync(NanningA, 1, [Reported("w-adopted")]), Now);

        var outcome = book.ChangeIntent(Change(new WorkloadSelector(ZoneId: "nn-a"), new IntentPatch(AllowedRegions: ["45"], NetworkPlane: NetworkPlane.EGovExtranet)), apply: true, Now);

        var record = book.Records["w-adopted"];
        Assert.That(outcome.Changes.Single().Registers, Is.True);
        Assert.That(record.Managed, Is.True);
        Assert.That(record.Intent.Pinned, Is.False);
        Assert.That(record.Intent.AllowedRegions, Is.EqualTo(new[] { "45" }));
        Assert.That(record.History.Select(e => e.Kind), Does.Contain(LedgerEventKind.Registered));
    }

    [Test]
    public void ChangeIntent_UnmanagedRegisteredAndPinnedByThePatch_StaysPinned()
    {
        var book = Book();
        book.Apply(Sync(NanningA, 1, [Reported("w-adopted")]), Now);

        book.ChangeIntent(Change(new WorkloadSelector(ZoneId: "nn-a"), new IntentPatch(AllowedRegions: ["45"], NetworkPlane: NetworkPlane.EGovExtranet, Pinned: true)), apply: true, Now);

        Assert.That(book.Records["w-adopted"].Managed, Is.True);
        Assert.That(book.Records["w-adopted"].Intent.Pinned, Is.True);
    }

    private static IEnumerable<TestCaseData> Selectors()
    {
        yield return new TestCaseData(new WorkloadSelector(TenantId: "nn-rsj"), new[] { "w-a", "w-b" }).SetArgDisplayNames("tenant");
        yield return new TestCaseData(new WorkloadSelector(System: "社保核心"), new[] { "w-a", "w-c" }).SetArgDisplayNames("system");
        yield return new TestCaseData(new WorkloadSelector(Project: "二期"), new[] { "w-b" }).SetArgDisplayNames("project");
        yield return new TestCaseData(new WorkloadSelector(ZoneId: "nn-a"), new[] { "w-a", "w-c" }).SetArgDisplayNames("zone");
        yield return new TestCaseData(new WorkloadSelector(Labels: [new WorkloadLabel("app", "sbk")]), new[] { "w-a", "w-c" }).SetArgDisplayNames("label");
        yield return new TestCaseData(new WorkloadSelector(Labels: [new WorkloadLabel("app", "sbk"), new WorkloadLabel("tier", "db")]), new[] { "w-c" }).SetArgDisplayNames("labels");
        yield return new TestCaseData(new WorkloadSelector(TenantId: "nn-rsj", ZoneId: "nn-a"), new[] { "w-a" }).SetArgDisplayNames("tenant and zone");
        yield return new TestCaseData(new WorkloadSelector(TenantId: "nn-nobody"), Array.Empty<string>()).SetArgDisplayNames("no match");
    }

    [TestCaseSource(nameof(Selectors))]
    public void ChangeIntent_Selector_ChangesExactlyTheMatchingRecords(WorkloadSelector selector, string[] expected)
    {
        var book = Book();
        book.Apply(Sync(NanningA, 1,
        [
            Reported("w-a", labels: Declared(("app", "sbk"))),
            Reported("w-c", tenant: "nn-gaj", labels: Declared(("app", "sbk"), ("tier", "db"))),
        ]), Now);
        book.Apply(Sync(NanningB, 1, [Reported("w-b", system: "医保结算", labels: Declared(("app", "yb"), (IntentLabels.Project, "二期")))]), Now);
        Assume.That(book.Records.Values.Select(r => r.Managed), Is.All.True);

        var outcome = book.ChangeIntent(Change(selector, new IntentPatch(Priority: 9)), apply: true, Now);

        Assert.That(outcome.Problems, Is.Empty);
        Assert.That(outcome.Matched, Is.EqualTo(expected.Length));
        Assert.That(outcome.Changes.Select(c => c.WorkloadId), Is.EqualTo(expected));
        Assert.That(book.Records.Values.Where(r => r.Intent.Priority == 9).Select(r => r.WorkloadId), Is.EqualTo(expected));
    }

    [Test]
    public void ChangeIntent_NewIdWithCompletePatch_CreatesAPendingRecord()
    {
        string id = IdIn(7);
        var book = Book(shard: 7);

        var outcome = book.ChangeIntent(Change(id, Complete), apply: true, Now);

        var record = book.Records[id];
        Assert.That(outcome.Matched, Is.EqualTo(1));
        Assert.That(outcome.Changes.Single(), Is.EqualTo(new IntentChange(id, null, record.Intent, Registers: true)));
        Assert.That(record.Managed, Is.True);
        Assert.That(record.ZoneId, Is.Null);
        Assert.That(record.State, Is.EqualTo(ReconciliationState.Pending));
        Assert.That(record.Intent.TenantId, Is.EqualTo("nn-dsj"));
        Assert.That(record.Intent.System, Is.EqualTo("一网通办"));
        Assert.That(record.Intent.AllowedRegions, Is.EqualTo(new[] { "4501" }));
        var registered = record.History.Single();
        Assert.That((registered.Kind, registered.By), Is.EqualTo((LedgerEventKind.Registered, "张工")));
        Assert.That(registered.Detail, Does.Contain("等保复测"));
    }

    [Test]
    public void ChangeIntent_NewIdWithIncompletePatch_RefusedAndNothingCreated()
    {
        string id = IdIn(7);
        var book = Book(shard: 7);

        var outcome = book.ChangeIntent(Change(id, Complete with { Requests = null }), apply: true, Now);

        Assert.That(outcome.Problems.Single(), Does.Contain(id).And.Contain("patch.requests"));
        Assert.That(book.Records, Is.Empty);
    }

    [Test]
    public void ChangeIntent_NewIdDryRun_PreviewsTheRegistrationWithoutCreating()
    {
        string id = IdIn(7);
        var book = Book(shard: 7);

        var outcome = book.ChangeIntent(Change(id, Complete), apply: false, Now);

        Assert.That(outcome.Changes.Single().Registers, Is.True);
        Assert.That(book.Records, Is.Empty);
    }

    [Test]
    public void ChangeIntent_IdsAndAnotherCriterion_NewIdsAreNotCreated()
    {
        string id = IdIn(7);
        var book = Book(shard: 7);

        var outcome = book.ChangeIntent(Change(new WorkloadSelector(WorkloadIds: [id], TenantId: "nn-dsj"), Complete), apply: true, Now);

        Assert.That(outcome.Matched, Is.EqualTo(0));
        Assert.That(book.Records, Is.Empty);
    }

    [Test]
    public void ChangeIntent_IdsOfOtherShards_NeitherCreatedNorChanged()
    {
        string mine = IdIn(7);
        string other = IdNotIn(7);
        var book = Book(shard: 7);
        book.Apply(Sync(NanningA, 1, [Reported(other, labels: Declared())]), Now);
        Assume.That(book.Records[other].Managed, Is.True);

        var outcome = book.ChangeIntent(Change(new WorkloadSelector(WorkloadIds: [mine, other, IdNotIn(7, "x")]), Complete), apply: true, Now);

        Assert.That(outcome.Matched, Is.EqualTo(1));
        Assert.That(outcome.Changes.Select(c => c.WorkloadId), Is.EqualTo(new[] { mine }));
        Assert.That(book.Records.Keys, Is.EquivalentTo(new[] { mine, other }));
        Assert.That(book.Records[other].Intent.TenantId, Is.EqualTo("nn-rsj"), "another shard owns that id");
    }

    [Test]
    public void ChangeIntent_NewIdOnEveryShard_CreatedOnlyByItsOwnShard()
    {
        const string id = "nn-dsj-ywtb-01";
        var books = Enumerable.Range(0, LedgerShards.Count).Select(shard => Book(shard: shard)).ToList();

        var outcomes = books.Select(b => b.ChangeIntent(Change(id, Complete), apply: true, Now)).ToList();

        Assert.That(outcomes.Sum(o => o.Matched), Is.EqualTo(1));
        Assert.That(books.Select((b, shard) => (shard, b.Records.ContainsKey(id))).Where(x => x.Item2).Select(x => x.shard), Is.EqualTo(new[] { LedgerShards.Of(id) }));
    }
}
