using CloudGov.ControlPlane.Abstractions.Audit;
using CloudGov.ControlPlane.Abstractions.Tenants;
using CloudGov.ControlPlane.Persistence.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CloudGov.ControlPlane.Persistence.Audit;

/// <summary>Registers the audit trail on the configured storage.</summary>
public static class AuditServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IAuditTrail"/> on the <c>Storage</c> section's store: the node's SQLite file (<c>Storage:SqlitePath</c>,
    /// shared with grain state through one writer) or PostgreSQL (<c>Storage:PostgresConnectionString</c>); the chain is
    /// <c>Storage:ServiceId</c>.
    /// </summary>
    public static IServiceCollection AddCloudGovAudit(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        services.TryAddSingleton<SqliteDatabaseRegistry>();
        return services.AddCloudGovAudit(sp => AuditStores.Create(options, sp.GetRequiredService<SqliteDatabaseRegistry>()), options.ServiceId);
    }

    /// <summary>
    /// Adds <see cref="IAuditTrail"/> over the store <paramref name="store"/> makes, appending to <paramref name="chain"/>,
    /// and the quota grain's <see cref="IQuotaJournal"/> on the same store (its rows and entries in one transaction).
    /// </summary>
    public static IServiceCollection AddCloudGovAudit(this IServiceCollection services, Func<IServiceProvider, IAuditStore> store, string chain)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(chain);
        // TryAdd: a store registered before (a test's fault-injecting one) wins.
        services.TryAddSingleton(store);
        services.TryAddSingleton<IAuditTrail>(sp => new AuditTrail(
            sp.GetRequiredService<IAuditStore>(), chain, sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetRequiredService<ILogger<AuditTrail>>()));
        services.TryAddSingleton(sp => QuotaJournal(sp, sp.GetRequiredService<IAuditStore>(), chain));
        return services;
    }

    /// <summary>
    /// Adds (replacing any other) the quota grain's journal on the store <paramref name="store"/> makes, appending its
    /// audit entries to <paramref name="chain"/>: for a host or test cluster whose quota state must live apart.
    /// </summary>
    public static IServiceCollection AddCloudGovQuotaJournal(this IServiceCollection services, Func<IServiceProvider, IAuditStore> store, string chain)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(chain);
        services.RemoveAll<IQuotaJournal>();
        return services.AddSingleton(sp => QuotaJournal(sp, store(sp), chain));
    }

    private static IQuotaJournal QuotaJournal(IServiceProvider services, IAuditStore store, string chain) =>
        store is IQuotaAuditStore quota
            ? new AuditedQuotaJournal(
                quota,
                chain,
                services.GetRequiredService<Orleans.Serialization.Serializer>(),
                services.GetService<TimeProvider>() ?? TimeProvider.System,
                services.GetRequiredService<ILogger<AuditedQuotaJournal>>())
            : throw new InvalidOperationException($"the audit store {store.GetType().Name} cannot keep the quota grain's rows (it is no {nameof(IQuotaAuditStore)})");
}
