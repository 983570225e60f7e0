using CloudGov.ControlPlane.Abstractions.Audit;
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

    /// <summary>Adds <see cref="IAuditTrail"/> over the store <paramref name="store"/> makes, appending to <paramref name="chain"/>.</summary>
    public static IServiceCollection AddCloudGovAudit(this IServiceCollection services, Func<IServiceProvider, IAuditStore> store, string chain)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(chain);
        // TryAdd: a store registered before (a test's fault-injecting one) wins.
        services.TryAddSingleton(store);
        services.TryAddSingleton<IAuditTrail>(sp => new AuditTrail(
            sp.GetRequiredService<IAuditStore>(), chain, sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetRequiredService<ILogger<AuditTrail>>()));
        return services;
    }
}
