using CloudGov.ControlPlane.Grains.Zones;
using CloudGov.ControlPlane.Abstractions.Plans;
using CloudGov.ControlPlane.Grains.Plans;
using CloudGov.Scheduling.Rebalancing;
using Prometheus;

namespace CloudGov.ControlPlane.Metrics;

/// <summary>Refreshes the per-zone gauges from the one-cloud index, and the plan gauge from the rebalancer, each time Prometheus scrapes this host.</summary>
internal sealed class OneCloudMetricsCollector(
    CollectorRegistry registry,
    ControlPlaneMetrics metrics,
    PlanProgressMetrics planProgress,
    IGrainFactory grains,
    Grpc.LedgerCounts ledgerCounts,
    IOptions<ZoneOptions> zoneOptions,
    IOptions<PlanPolicyOptions> planOptions,
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
                var now = time.GetUtcNow();
                metrics.ObserveOneCloud(zones, now, zoneOptions.Value.StalenessWindow);
                metrics.ObserveBalanceIndex(BalanceIndex(zones, now));
                var plans = await grains.GetGrain<IRebalancerGrain>(0).ListAsync().WaitAsync(TimeSpan.FromSeconds(5), ct);
                metrics.ObservePlans(plans);
                planProgress.Observe(plans, now);
                metrics.ObserveLedger(await ledgerCounts.GetAsync(ct).WaitAsync(TimeSpan.FromSeconds(5), ct));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not refresh one-cloud metrics from the index");
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The scheduler's balance index (requested over allocatable) across the Ready zones.</summary>
    private double BalanceIndex(IReadOnlyList<ZoneSummary> zones, DateTimeOffset now)
    {
        var window = zoneOptions.Value.StalenessWindow;
        var ready = zones.Where(z => !z.Capacity.IsZero && z.EffectiveStatus(now, window) == ZoneStatus.Ready).ToList();
        var snapshots = ready.Select(z => SnapshotMapper.ToZone(z, now, window, planOptions.Value.DefaultTargetUtilization)).ToList();
        return UtilizationMath.BalanceIndex(snapshots, [.. ready.Select(z => z.Requested)]);
    }
}
