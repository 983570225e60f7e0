using CloudGov.ControlPlane.Abstractions.Tenants;
using CloudGov.ControlPlane.Grains.Tenants;
using CloudGov.ControlPlane.Grains.Zones;
using CloudGov.ControlPlane.Persistence.Audit;
using CloudGov.ControlPlane.Tests.Zones;
using CloudGov.Testing.Audit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace CloudGov.ControlPlane.Tests.Tenants;

/// <summary>
/// One in-process cluster for the quota tests, with the quota journal on a SQLite file of its own whose commits can be
/// made to fail, auto-approval of increases up to 8 cores
/// taking up to all of what the parent has left, and fake domain time. The quota grain (key 0) holds one hierarchy for the
/// whole cluster, so every test builds its own subtree under a root of its own (<see cref="NewId"/>).
/// </summary>
[SetUpFixture]
public sealed class TenantClusterFixture
{
    /// <summary>The fake domain clock.</summary>
    public static FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));

    /// <summary>The grain storage (the previous release's single-row quota state would be read from it).</summary>
    public static FaultInjectingGrainStorage Storage { get; } = new();

    /// <summary>The quota journal's SQLite file.</summary>
    public static SqliteAuditStoreHandle QuotaFile { get; } = AuditStores.Sqlite(FakeClockCluster.NewFile("tenants-quota"), NullLoggerFactory.Instance);

    /// <summary>The quota journal's store; tests make its commits fail.</summary>
    public static SwitchableAuditStore QuotaStore { get; } = new(QuotaFile.Store);

    /// <summary>The cluster.</summary>
    public static InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>The cluster's grain factory.</summary>
    public static IGrainFactory Grains => Cluster.Client;

    /// <summary>The quota grain.</summary>
    public static ITenantQuotaGrain Quota => Grains.GetGrain<ITenantQuotaGrain>(0);

    /// <summary>A large one cloud: capacity for every test's roots.</summary>
    public static QuotaReading Cloud { get; } = new(new ResourceVector(1L << 40, 1L << 40, 1L << 40, 1L << 20), ResourceVector.Zero, ResourceVector.Zero);

    /// <summary>What the quota journal holds now (read back from the file, as a restarted host would).</summary>
    public static async Task<TenantQuotaState> StoredAsync()
    {
        await using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var journal = new AuditedQuotaJournal(QuotaStore, FakeClockCluster.AuditChain, services.GetRequiredService<Serializer>(), TimeProvider.System, NullLogger<AuditedQuotaJournal>.Instance);
        var snapshot = await journal.LoadAsync(CancellationToken.None) ?? throw new InvalidOperationException("the quota journal holds nothing");
        return QuotaJournalDiff.StateOf(snapshot);
    }

    /// <summary>A tenant id no other test uses.</summary>
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Cluster = await FakeClockCluster.StartAsync(Time, Storage, services =>
        {
            services.Configure<ZoneOptions>(o =>
            {
                o.ReportInterval = TimeSpan.FromSeconds(5);
                o.StalenessWindow = TimeSpan.FromSeconds(30);
                o.StateFlushInterval = TimeSpan.FromMinutes(5);
                o.IndexPublishInterval = TimeSpan.FromMinutes(1);
            });
            services.Configure<QuotaOptions>(o =>
            {
                o.AutoApproval.MaxShareOfParentRemaining = 1.0;
                o.MaxPendingPerTenant = 100;
            });
        }, QuotaStore);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await FakeClockCluster.StopAsync(Cluster);
        await QuotaFile.DisposeAsync();
    }
}
