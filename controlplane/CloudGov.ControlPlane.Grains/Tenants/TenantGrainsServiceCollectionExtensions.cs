using Microsoft.Extensions.DependencyInjection;

namespace CloudGov.ControlPlane.Grains.Tenants;

/// <summary>Wires the tenant and quota area: <c>Quota</c> (bounds, auto-approval) and <c>Tenants:Seed</c>, bound and checked at start.</summary>
public static class TenantGrainsServiceCollectionExtensions
{
    /// <summary>Binds and validates <see cref="QuotaOptions"/> and <see cref="TenantSeedOptions"/>.</summary>
    public static IServiceCollection AddTenantGrains(this IServiceCollection services)
    {
        services.AddOptions<QuotaOptions>().BindConfiguration(QuotaOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<QuotaOptions>, QuotaOptionsValidator>();
        services.AddOptions<TenantSeedOptions>().BindConfiguration(TenantSeedOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TenantSeedOptions>, TenantSeedOptionsValidator>();
        return services;
    }
}
