using CloudGov.ControlPlane.Grains.Zones;
using CloudGov.ControlPlane.Abstractions.Plans;
using Prometheus;

namespace CloudGov.ControlPlane.Metrics;

/// <summary>Refreshes the per-zone gauges from the one-cloud index, and the plan gauge from the rebalancer, each time Prometheus scrapes this host.</summary>
internal sealed class OneCloudMetricsCollector(
    CollectorRegistry registry,
    ControlPlaneMetrics metrics,
    IGrainFactory grains,
    IOptions<ZoneOptions> zoneOptions,
    TimeProvider time,
    ILogger<OneCloudMetricsCollector> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        registry.AddBeforeCollectCallback(async ct =>
        {
            try
            {
                var zones = await grains.GetGrain<IOneCloudIndexGrain>(0).ListAsync().WaitAsync(TimeSpan.FromSeconds(5), ct);
                metrics.ObserveOneCloud(zones, time.GetUtcNow(), zoneOptions.Value.StalenessWindow);
                var plans = await grains.GetGrain<IRebalancerGrain>(0).ListAsync().WaitAsync(TimeSpan.FromSeconds(5), ct);
                metrics.ObservePlans(plans);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not refresh one-cloud metrics from the index");
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
