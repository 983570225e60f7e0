using CloudGov.ControlPlane.Abstractions.Baselines;
using Prometheus;

namespace CloudGov.ControlPlane.Metrics;

/// <summary>Refreshes the baseline gauges from the baseline grain and the one-cloud index each time Prometheus scrapes this host.</summary>
internal sealed class BaselineMetricsCollector(CollectorRegistry registry, BaselineMetrics metrics, IGrainFactory grains, TimeProvider time, ILogger<BaselineMetricsCollector> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        registry.AddBeforeCollectCallback(async ct =>
        {
            try
            {
                var baseline = grains.GetGrain<IBaselineGrain>(0);
                var open = await baseline.ListFindingsAsync(new FindingQuery("", "", default, "", 0, true, "", int.MaxValue)).WaitAsync(TimeSpan.FromSeconds(5), ct);
                var verdicts = await baseline.GetZoneBaselinesAsync().WaitAsync(TimeSpan.FromSeconds(5), ct);
                var zones = await grains.GetGrain<IOneCloudIndexGrain>(0).ListAsync().WaitAsync(TimeSpan.FromSeconds(5), ct);
                metrics.Observe(open, zones, verdicts, time.GetUtcNow());
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not refresh the baseline metrics");
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
