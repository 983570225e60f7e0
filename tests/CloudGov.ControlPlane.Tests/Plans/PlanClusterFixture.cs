using Microsoft.Extensions.DependencyInjection;
using CloudGov.ControlPlane.Grains.Plans;
using CloudGov.ControlPlane.Grains.Zones;
using CloudGov.ControlPlane.Tests.Zones;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace CloudGov.ControlPlane.Tests.Plans;

/// <summary>
/// One in-process Orleans cluster for the plan grain tests (its own one-cloud index and rebalancer), with domain time
/// on a fake clock and auto-approval on for moves within one city, at most 3 moves.
/// </summary>
[SetUpFixture]
public sealed class PlanClusterFixture
{
    /// <summary>The fake domain clock; tests advance it.</summary>
    public static FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));

    /// <summary>The grain storage named "store"; tests make its writes fail for chosen grains.</summary>
    public static FaultInjectingGrainStorage Storage { get; } = new();

    /// <summary>How long an undecided plan lives.</summary>
    public static readonly TimeSpan ExpireAfter = TimeSpan.FromMinutes(30);

    /// <summary>The cluster.</summary>
    public static InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>The cluster's grain factory.</summary>
    public static IGrainFactory Grains => Cluster.Client;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Cluster = await FakeClockCluster.StartAsync(Time, Storage, services =>
        {
            services.Configure<ZoneOptions>(o =>
            {
                o.StalenessWindow = TimeSpan.FromSeconds(30);
                o.StateFlushInterval = TimeSpan.FromMinutes(5);
                o.IndexPublishInterval = TimeSpan.FromMinutes(1);
            });
            services.Configure<PlanPolicyOptions>(o =>
            {
                o.ExpireAfter = ExpireAfter;
                o.AutoApproval = new AutoApprovalOptions { Enabled = true, MaxMoves = 3, SameCityOnly = true };
            });
        });
    }

    [OneTimeTearDown]
    public Task StopAsync() => FakeClockCluster.StopAsync(Cluster);
}
