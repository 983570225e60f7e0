using CloudGov.ControlPlane.Grains.Placement;
using CloudGov.ControlPlane.Grains.Zones;
using CloudGov.ControlPlane.Tests.Zones;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace CloudGov.ControlPlane.Tests.Placement;

/// <summary>
/// One in-process Orleans cluster for the placement tests (its own one-cloud index and placement grain), with domain
/// time on a fake clock. Every test puts its zones in a region of its own and places into that region only, so the
/// tests sharing the cluster never see each other's zones as candidates.
/// </summary>
[SetUpFixture]
public sealed class PlacementClusterFixture
{
    /// <summary>The fake domain clock; tests advance it.</summary>
    public static FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));

    /// <summary>How long a place command is valid in this cluster.</summary>
    public static readonly TimeSpan CommandDeadline = TimeSpan.FromMinutes(10);

    /// <summary>The cluster.</summary>
    public static InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>The cluster's grain factory.</summary>
    public static IGrainFactory Grains => Cluster.Client;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Cluster = await FakeClockCluster.StartAsync(Time, new FaultInjectingGrainStorage(), services =>
        {
            services.Configure<ZoneOptions>(o =>
            {
                o.ReportInterval = TimeSpan.FromSeconds(5);
                o.StalenessWindow = TimeSpan.FromSeconds(30);
                o.StateFlushInterval = TimeSpan.FromMinutes(5);
                o.IndexPublishInterval = TimeSpan.FromMinutes(1);
            });
            services.Configure<PlacementOptions>(o => o.CommandDeadline = CommandDeadline);
        });
    }

    [OneTimeTearDown]
    public Task StopAsync() => FakeClockCluster.StopAsync(Cluster);
}
