using CloudGov.ControlPlane.Grains.Baselines;
using CloudGov.ControlPlane.Grains;
using CloudGov.ControlPlane.Grains.Scheduling;
using CloudGov.ControlPlane.Grains.Ledger;
using CloudGov.ControlPlane.Tests.Zones;
using CloudGov.ControlPlane.Persistence.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace CloudGov.ControlPlane.Tests;

/// <summary>
/// Starts a one-silo in-process cluster whose grains read domain time from a fake clock and whose storage "store"
/// can be made to fail writes; each fixture adds its own options.
/// </summary>
internal static class FakeClockCluster
{
    /// <summary>The audit chain the test clusters append to.</summary>
    public const string AuditChain = "tests";

    /// <summary>The audit trail of the test clusters: a real SQLite file of this test run.</summary>
    public static SqliteAuditStoreHandle Audit { get; } =
        AuditStores.Sqlite(Path.Combine(Path.GetTempPath(), "cloudgov-tests", $"audit-{Guid.NewGuid():N}.db"), NullLoggerFactory.Instance);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<InProcessTestCluster, SqliteAuditStoreHandle> QuotaFiles = new();

    /// <summary>
    /// Starts a cluster. The quota grain's journal lives apart from <see cref="Audit"/>: on <paramref name="quotaStore"/>,
    /// or on a SQLite file of this cluster's own, so that no fixture sees another fixture's tenants.
    /// </summary>
    public static async Task<InProcessTestCluster> StartAsync(FakeTimeProvider time, Orleans.Storage.IGrainStorage storage, Action<IServiceCollection> configure, IAuditStore? quotaStore = null)
    {
        var quotaFile = quotaStore is null ? AuditStores.Sqlite(NewFile("quota"), NullLoggerFactory.Instance) : null;
        var quota = quotaStore ?? quotaFile!.Store;
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.Services.AddKeyedSingleton<Orleans.Storage.IGrainStorage>("store", storage));
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.AddSingleton(new ControlPlaneClock(time));
            host.Services.AddScheduler();
            host.Services.AddLedgerSyncBatching();
            host.Services.AddSingleton<CloudGov.ControlPlane.Grains.Zones.LocalZoneActivations>();
            host.Services.AddBaselineGrains();
            // No baseline rules unless a test brings its own (configure runs after): these clusters' zones report no posture,
            // and the built-in pack would quarantine every one of them for the facts it cannot prove.
            host.Services.AddSingleton(new CloudGov.Baselines.Evaluation.BaselineEvaluator(new CloudGov.Baselines.Evaluation.BaselinePack([])));
            host.Services.AddCloudGovAudit(_ => Audit.Store, AuditChain);
            host.Services.AddCloudGovQuotaJournal(_ => quota, AuditChain);
            configure(host.Services);
        });
        var cluster = builder.Build();
        if (quotaFile is not null)
        {
            QuotaFiles[cluster] = quotaFile;
        }

        await cluster.DeployAsync();
        return cluster;
    }

    public static async Task StopAsync(InProcessTestCluster cluster)
    {
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
        if (QuotaFiles.TryRemove(cluster, out var file))
        {
            await file.DisposeAsync();
        }
    }

    /// <summary>A fresh SQLite path under the test run's temp directory.</summary>
    public static string NewFile(string prefix) => Path.Combine(Path.GetTempPath(), "cloudgov-tests", $"{prefix}-{Guid.NewGuid():N}.db");
}
