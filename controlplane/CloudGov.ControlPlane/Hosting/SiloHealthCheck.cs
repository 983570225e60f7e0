using CloudGov.ControlPlane.Abstractions.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CloudGov.ControlPlane.Hosting;

/// <summary>
/// Healthy while this host's silo is what an orchestrator must not restart: the silo is <c>Active</c> in the cluster's
/// membership and a local stateless grain answers within two seconds. It deliberately does not call the one-cloud index
/// or any other single grain: a busy index (e.g. a burst of agents registering) is not a dead host, and restarting
/// the host for it would only start the burst again.
/// </summary>
internal sealed class SiloHealthCheck(IGrainFactory grains, IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
{
    /// <summary>How long the local probe may take before the silo counts as unresponsive.</summary>
    internal static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        if (status != SiloStatus.Active)
        {
            return HealthCheckResult.Unhealthy($"the silo is {status} in the cluster membership");
        }

        try
        {
            await grains.GetGrain<ISiloProbeGrain>(0).PingAsync().WaitAsync(ProbeTimeout, cancellationToken);
            return HealthCheckResult.Healthy("the silo is active and answers");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("the silo did not answer a local call", ex);
        }
    }
}
