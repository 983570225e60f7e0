using CloudGov.ControlPlane.Grains.Tenants;

namespace CloudGov.ControlPlane.Hosting;

/// <summary>Creates the configured tenants (<c>Tenants:Seed</c>) once the silo runs; existing tenants are never changed.</summary>
internal sealed class TenantSeedService(IGrainFactory grains, IOptions<TenantSeedOptions> options, TimeProvider time, ILogger<TenantSeedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await TenantSeeding.SeedAsync(grains, options.Value, time.GetUtcNow()).WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The host still serves; an operator can create the tenants through the API.
            logger.LogWarning(ex, "Could not seed the tenants from configuration");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
