using CloudGov.ControlPlane.Abstractions.Tenants;
using CloudGov.ControlPlane.Grains.Tenants;
using CloudGov.ControlPlane.Persistence.Audit;
using CloudGov.ControlPlane.Persistence.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace CloudGov.ControlPlane.Tests.Upgrades;

/// <summary>
/// The previous release kept the whole quota state in one grain-state row (<c>tenant-quota</c>): this release reads it
/// on first activation, copies it into the quota journal's rows, and from then on answers from the rows.
/// </summary>
public sealed class TenantQuotaUpgradeTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Activate_StateThePreviousReleaseWroteInOneRow_ReadCopiedIntoTheJournalAndKeptOn()
    {
        await using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        await using var registry = new SqliteDatabaseRegistry(NullLoggerFactory.Instance);
        var file = registry.Get(new SqliteDatabaseSettings(Path.GetFullPath(FakeClockCluster.NewFile("upgrade-quota")), SqliteGrainStorageOptions.DefaultBusyTimeout, true, 256));

        // The previous release's write path: this SQLite grain storage and Orleans' serializer, the whole state in one row.
        var storage = new SqliteGrainStorage("store", file, new OrleansGrainStorageSerializer(serializer), services.GetRequiredService<IActivatorProvider>(), NullLogger<SqliteGrainStorage>.Instance);
        var journalFile = AuditStores.Sqlite(FakeClockCluster.NewFile("upgrade-journal"), NullLoggerFactory.Instance);
        var old = PreviousReleaseState();
        var cluster = await FakeClockCluster.StartAsync(new FakeTimeProvider(At.AddDays(1)), storage, _ => { }, journalFile.Store);
        try
        {
            var quota = cluster.Client.GetGrain<ITenantQuotaGrain>(0);
            await storage.WriteStateAsync("tenant-quota", ((IGrain)quota).GetGrainId(), new GrainState<TenantQuotaState>(old));

            var tree = await quota.GetTreeAsync();
            var pending = await quota.GetRequestAsync("qr-000000000003");
            var retry = await quota.RequestAsync(new QuotaAsk("gx-nn", QuotaDirection.Increase, new ResourceVector(4_000, 8_192, 100), "二期", "2026-q4-1", "dave"), Reading);
            var next = await quota.RequestAsync(new QuotaAsk("gx-nn", QuotaDirection.Increase, new ResourceVector(1_000, 0, 0), "三期", "2026-q4-9", "dave"), Reading);

            Assert.Multiple(() =>
            {
                Assert.That(tree.Tenants, Is.EquivalentTo(old.Tenants.Values), "every tenant with its allocation");
                Assert.That(tree.Version, Is.EqualTo(old.TreeVersion));
                Assert.That(pending, Is.EqualTo(old.Requests["qr-000000000003"]), "a pending request");
                Assert.That(retry.Request, Is.EqualTo(old.Requests["qr-000000000001"]), "an idempotency key the previous release stored still answers its first request");
                Assert.That(next.Request!.RequestId, Is.EqualTo("qr-000000000004"), "request ids go on after the old ones");
            });

            // The journal now holds the old state plus the new request, read back as a restarted host would.
            var journal = new AuditedQuotaJournal((IQuotaAuditStore)journalFile.Store, FakeClockCluster.AuditChain, serializer, TimeProvider.System, NullLogger<AuditedQuotaJournal>.Instance);
            var rows = await journal.LoadAsync(CancellationToken.None);
            Assert.That(rows, Is.Not.Null);
            Assert.That(rows!.Requests.Select(r => r.RequestId), Is.EquivalentTo(new[] { "qr-000000000001", "qr-000000000002", "qr-000000000003", "qr-000000000004" }));
            Assert.That(rows.Tenants, Is.EquivalentTo((await quota.GetTreeAsync()).Tenants));
            Assert.That(rows.Tenants.Single(t => t.TenantId == "gx-nn").Allocated.CpuMillicores, Is.EqualTo(25_000), "the old allocation plus the new auto-approved core");
            Assert.That(rows.LastSequence, Is.EqualTo(4));
        }
        finally
        {
            await FakeClockCluster.StopAsync(cluster);
            await journalFile.DisposeAsync();
        }
    }

    private static QuotaReading Reading => new(new ResourceVector(1L << 30, 1L << 30, 1L << 30, 1_000), ResourceVector.Zero, ResourceVector.Zero);

    private static TenantQuotaState PreviousReleaseState()
    {
        var gx = new TenantNode("gx", "广西", "", new ResourceVector(100_000, 409_600, 5_000), At);
        var nn = new TenantNode("gx-nn", "南宁市", "gx", new ResourceVector(24_000, 49_152, 600), At);
        var requests = new[]
        {
            Request(1, QuotaRequestState.Approved, new ResourceVector(4_000, 8_192, 100), "2026-q4-1", "二期"),
            Request(2, QuotaRequestState.Rejected, new ResourceVector(64_000, 0, 0), "2026-q4-2", "大屏"),
            Request(3, QuotaRequestState.Pending, new ResourceVector(20_000, 0, 0), "2026-q4-3", "新业务"),
        };
        return new TenantQuotaState
        {
            Tenants = new[] { gx, nn }.ToImmutableDictionary(t => t.TenantId, StringComparer.Ordinal),
            Requests = requests.ToImmutableDictionary(r => r.RequestId, StringComparer.Ordinal),
            IdempotencyKeys = requests.ToImmutableDictionary(r => QuotaBook.KeyOf(r.TenantId, r.IdempotencyKey), r => r.RequestId, StringComparer.Ordinal),
            LastSequence = 3,
            TreeVersion = 6,
        };
    }

    private static QuotaRequestRecord Request(long sequence, QuotaRequestState state, ResourceVector amount, string key, string why) => new()
    {
        RequestId = $"qr-{sequence:D12}",
        TenantId = "gx-nn",
        Direction = QuotaDirection.Increase,
        Amount = amount,
        Justification = why,
        IdempotencyKey = key,
        RequestedBy = "dave",
        RequestedAt = At,
        State = state,
        Granted = state == QuotaRequestState.Approved ? amount : ResourceVector.Zero,
        DecidedBy = state == QuotaRequestState.Pending ? "" : "alice",
        DecidedAt = state == QuotaRequestState.Pending ? null : At,
        Sequence = sequence,
    };
}
