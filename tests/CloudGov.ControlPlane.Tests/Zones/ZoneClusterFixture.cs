using Microsoft.Extensions.DependencyInjection;
using CloudGov.ControlPlane.Grains.Ledger;
using CloudGov.ControlPlane.Grains.Zones;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace CloudGov.ControlPlane.Tests.Zones;

/// <summary>One in-process Orleans cluster for the zone grain tests, with domain time on a fake clock.</summary>
[SetUpFixture]
public sealed class ZoneClusterFixture
{
    /// <summary>The fake domain clock; tests advance it.</summary>
    public static FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));

    /// <summary>The grain storage named "store"; tests make its writes fail for chosen grains.</summary>
    public static FaultInjectingGrainStorage Storage { get; } = new();

    /// <summary>The ledger shard calls of the silo's batcher; tests hold or fail chosen shards' next call.</summary>
    internal static GatedShards LedgerGate { get; } = new();

    /// <summary>The cluster.</summary>
    public static InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>The cluster's grain factory.</summary>
    public static IGrainFactory Grains => Cluster.Client;

    /// <summary>The staleness window the cluster runs with.</summary>
    public static readonly TimeSpan StalenessWindow = TimeSpan.FromSeconds(30);

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Cluster = await FakeClockCluster.StartAsync(Time, Storage, services =>
        {
            services.Configure<ZoneOptions>(o =>
            {
                o.StalenessWindow = StalenessWindow;
                o.ReportInterval = TimeSpan.FromSeconds(5);
                o.StateFlushInterval = TimeSpan.FromMinutes(5);
            });
            services.AddSingleton(sp => new LedgerSyncBatcher(GatedGrainFactory.Create(sp.GetRequiredService<IGrainFactory>(), LedgerGate)));
        });
    }

    [OneTimeTearDown]
    public Task StopAsync() => FakeClockCluster.StopAsync(Cluster);
}
