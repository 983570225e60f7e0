using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CloudGov.ControlPlane.Hosting;

/// <summary>Healthy when the silo answers a call to the one-cloud index within two seconds.</summary>
internal sealed class SiloHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var zones = await grains.GetGrain<IOneCloudIndexGrain>(0).ListAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return HealthCheckResult.Healthy($"{zones.Length} zones known");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("the silo did not answer", ex);
        }
    }
}
