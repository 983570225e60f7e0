using CloudGov.ControlPlane.Abstractions.Tenants;
using CloudGov.ControlPlane.Grains.Tenants;
using Prometheus;

namespace CloudGov.ControlPlane.Metrics;

/// <summary>Refreshes the over-quota and pending gauges from the hierarchy and the ledger each time Prometheus scrapes this host.</summary>
internal sealed class QuotaMetricsCollector(CollectorRegistry registry, QuotaMetrics metrics, QuotaUsageRatioMetrics usageRatios, IGrainFactory grains, TimeProvider time, ILogger<QuotaMetricsCollector> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        registry.AddBeforeCollectCallback(async ct =>
        {
            try
            {
                var quota = grains.GetGrain<ITenantQuotaGrain>(0);
                var tree = await quota.GetTreeAsync().WaitAsync(TimeSpan.FromSeconds(5), ct);
                if (tree.Tenants.IsEmpty)
                {
                    metrics.ObserveTenants(0, 0);
                    usageRatios.Observe([]);
                    return;
                }

                var records = await QuotaEnforcement.RecordsAsync(grains).WaitAsync(TimeSpan.FromSeconds(5), ct);
                var figures = TenantQuotaFigures.All(tree, QuotaUsage.Of(records, time.GetUtcNow()));
                int over = figures.Values.Count(f => f.OverQuota);
                usageRatios.Observe(figures.Values);
                var pending = await quota.ListRequestsAsync(string.Empty, pendingOnly: true, 1_000).WaitAsync(TimeSpan.FromSeconds(5), ct);
                metrics.ObserveTenants(over, pending.Length);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not refresh the quota metrics");
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
