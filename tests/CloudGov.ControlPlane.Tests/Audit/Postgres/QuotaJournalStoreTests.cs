using CloudGov.ControlPlane.Abstractions.Audit;
using CloudGov.ControlPlane.Abstractions.Tenants;
using CloudGov.ControlPlane.Persistence;
using CloudGov.ControlPlane.Persistence.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orleans.Serialization;

namespace CloudGov.ControlPlane.Tests.Audit.Postgres;

/// <summary>
/// The quota journal on both stores (SQLite and a private PostgreSQL): batches of rows and their audit entries are one
/// transaction — read back whole, interleaved with other appends in one chain that verifies, or not stored at all.
/// </summary>
public sealed class QuotaJournalStoreTests
{
    private const string Chain = "cloudgov";
    private static readonly DateTimeOffset At = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly ServiceProvider Serializers = new ServiceCollection().AddSerializer().BuildServiceProvider();

    [TestCase("sqlite")]
    [TestCase("postgres")]
    public async Task Commit_BatchesInterleavedWithOtherAppends_RowsReadBackAndOneChainThatVerifies(string kind)
    {
        var (store, dispose) = await StoreAsync(kind);
        try
        {
            var journal = Journal(store);
            var trail = AuditTrails.Over(store, Chain, new FakeTimeProvider(AuditTrails.Start));
            Assert.That(await journal.LoadAsync(CancellationToken.None), Is.Null, "nothing committed yet");

            var gx = Tenant("gx", "", 100_000);
            var nn = Tenant("gx-nn", "gx", 20_000);
            var bs = Tenant("gx-bs", "gx", 10_000);
            var r1 = Request(1, "gx-nn", QuotaRequestState.Approved);
            var r2 = Request(2, "gx-nn", QuotaRequestState.Pending);
            var r3 = Request(3, "gx-bs", QuotaRequestState.Rejected);
            var others = Enumerable.Range(0, 20).Select(i => trail.AppendAsync(AuditTrails.Draft(i))).ToList();
            await journal.CommitAsync(new QuotaJournalBatch(3, 4, [gx, nn, bs], [], [r1, r2, r3], [], [Record(AuditAction.QuotaRequested, "gx-nn", applied: true), Record(AuditAction.QuotaApproved, "qr-x", applied: false)]), CancellationToken.None);
            var decided = r2 with { State = QuotaRequestState.Approved, DecidedBy = "alice" };
            await journal.CommitAsync(new QuotaJournalBatch(3, 5, [nn with { Allocated = new ResourceVector(25_000, 0, 0) }], ["gx-bs"], [decided], ["qr-000000000003"], [Record(AuditAction.QuotaApproved, "qr-000000000002", applied: true)]), CancellationToken.None);
            await Task.WhenAll(others);

            var read = await journal.LoadAsync(CancellationToken.None);
            Assert.That(read, Is.Not.Null);
            Assert.Multiple(() =>
            {
                Assert.That((read!.LastSequence, read.TreeVersion), Is.EqualTo((3L, 5L)));
                Assert.That(read.Tenants, Is.EquivalentTo(new[] { gx, nn with { Allocated = new ResourceVector(25_000, 0, 0) } }));
                Assert.That(read.Requests, Is.EqualTo(new[] { r1, decided }), "by sequence, the removed one gone");
            });
            var verification = await AuditChainVerifier.VerifyAsync(store, Chain, CancellationToken.None);
            Assert.That(verification.Intact, Is.True, verification.Message);
            Assert.That(verification.EntriesChecked, Is.EqualTo(20 + 6), "20 other entries, and each of the three commands' decision and outcome");
            var quota = (await store.QueryAsync(Chain, new AuditQuery(null, null, "dave", null, null, 0, 100), CancellationToken.None)).ToList();
            Assert.That(quota.Select(e => e.Action), Is.EqualTo(new[] { "quota_requested", "decision_applied", "quota_approved", "decision_not_applied", "quota_approved", "decision_applied" }));
            Assert.That(quota.Where((_, i) => i % 2 == 1).Select(e => e.Detail["refers_to"]), Is.EqualTo(quota.Where((_, i) => i % 2 == 0).Select(e => e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }
        finally
        {
            await dispose();
        }
    }

    [TestCase("sqlite")]
    [TestCase("postgres")]
    public async Task CommitQuota_FailsAfterTheFirstEntry_NeitherEntriesNorRowsStored(string kind)
    {
        var (store, dispose) = await StoreAsync(kind);
        try
        {
            var journal = Journal(store);
            await journal.CommitAsync(new QuotaJournalBatch(0, 1, [Tenant("gx", "", 1_000)], [], [], [], [Record(AuditAction.TenantCreated, "gx", applied: true)]), CancellationToken.None);
            var quotaStore = (IQuotaAuditStore)store;
            var head = await store.ReadHeadAsync(Chain, CancellationToken.None);
            var rows = new QuotaRowChanges(1, 2, [("gx-nn", [1, 2, 3])], [], [("qr-000000000001", 1, [4, 5])], []);
            Func<long, string, AuditEntry> fine = (s, p) => AuditCanonical.Sealed(new AuditEntry(Chain, s, At, new AuditActor("dave", "tenant", "gx-nn"), "quota_requested", [], ImmutableSortedDictionary<string, string>.Empty, "", p, ""));
            Func<long, string, AuditEntry> failing = (_, _) => throw new InvalidOperationException("injected: the second entry cannot be built");

            await Assert.ThrowsAsync<InvalidOperationException>(() => quotaStore.CommitQuotaAsync(Chain, rows, [fine, failing], CancellationToken.None));

            var read = await journal.LoadAsync(CancellationToken.None);
            Assert.That((await store.ReadHeadAsync(Chain, CancellationToken.None))?.Sequence, Is.EqualTo(head?.Sequence), "no entry");
            Assert.That(read!.Tenants.Select(t => t.TenantId), Is.EqualTo(new[] { "gx" }), "no tenant row");
            Assert.That((read.Requests, read.TreeVersion), Is.EqualTo((ImmutableArray<QuotaRequestRecord>.Empty, 1L)), "no request row, the counters as before");
        }
        finally
        {
            await dispose();
        }
    }

    private static async Task<(IAuditStore Store, Func<ValueTask> Dispose)> StoreAsync(string kind)
    {
        if (kind == "sqlite")
        {
            var handle = AuditStores.Sqlite(AuditTrails.NewSqlitePath(), NullLoggerFactory.Instance);
            return (handle.Store, handle.DisposeAsync);
        }

        var database = await AuditPostgresServer.Server.CreateDatabaseAsync("quota");
        var exit = await SchemaCommand.RunAsync(["schema", "apply", "--postgres", database], new StringWriter(), new StringWriter(), CancellationToken.None);
        Assert.That(exit, Is.EqualTo(SchemaCommand.Success), "schema apply");
        var store = AuditStores.Postgres(database);
        return (store, ((IAsyncDisposable)store).DisposeAsync);
    }

    private static AuditedQuotaJournal Journal(IAuditStore store) =>
        new((IQuotaAuditStore)store, Chain, Serializers.GetRequiredService<Serializer>(), new FakeTimeProvider(At), NullLogger<AuditedQuotaJournal>.Instance);

    private static QuotaAuditRecord Record(AuditAction action, string target, bool applied) => new(
        AuditEntryDraft.Of(new AuditActor("dave", "tenant", "gx-nn"), action, "为什么", [target]),
        applied ? AuditOutcome.Applied(("state", "Approved")) : AuditOutcome.NotApplied("NotFound: no such request"));

    private static TenantNode Tenant(string id, string parent, long cpu) => new(id, id, parent, new ResourceVector(cpu, 0, 0), At);

    private static QuotaRequestRecord Request(long sequence, string tenant, QuotaRequestState state) => new()
    {
        RequestId = $"qr-{sequence:D12}",
        TenantId = tenant,
        Amount = new ResourceVector(1_000, 0, 0),
        Justification = "扩容",
        IdempotencyKey = $"k-{sequence}",
        RequestedAt = At,
        State = state,
        Sequence = sequence,
    };
}
