using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CloudGov.ControlPlane.Grains.Ledger;

/// <summary>Registers the silo-side services the ledger's grains depend on.</summary>
public static class LedgerServiceCollectionExtensions
{
    /// <summary>Adds the per-silo batcher through which zone grains sync with the ledger shards.</summary>
    public static IServiceCollection AddLedgerSyncBatching(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<LedgerSyncBatcher>();
        return services;
    }
}
