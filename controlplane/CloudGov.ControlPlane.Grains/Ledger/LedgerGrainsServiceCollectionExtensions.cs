using Microsoft.Extensions.DependencyInjection;

namespace CloudGov.ControlPlane.Grains.Ledger;

/// <summary>Wires the ledger area: the ledger shards' settings (<c>Ledger</c>), bound and checked at start, and the per-silo sync batcher.</summary>
public static class LedgerGrainsServiceCollectionExtensions
{
    /// <summary>Binds <see cref="LedgerOptions"/> from <see cref="LedgerOptions.SectionName"/> and validates it at start.</summary>
    public static IServiceCollection AddLedgerGrains(this IServiceCollection services)
    {
        services.AddOptions<LedgerOptions>().BindConfiguration(LedgerOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LedgerOptions>, LedgerOptionsValidator>();
        services.AddLedgerSyncBatching();
        return services;
    }
}
