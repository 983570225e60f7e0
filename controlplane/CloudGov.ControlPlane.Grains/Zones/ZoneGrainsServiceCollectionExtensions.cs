using Microsoft.Extensions.DependencyInjection;

namespace CloudGov.ControlPlane.Grains.Zones;

/// <summary>Wires the zone area: the zone grains' settings (<c>Zones</c>), bound and checked at start.</summary>
public static class ZoneGrainsServiceCollectionExtensions
{
    /// <summary>Binds <see cref="ZoneOptions"/> from <see cref="ZoneOptions.SectionName"/> and validates it at start.</summary>
    public static IServiceCollection AddZoneGrains(this IServiceCollection services)
    {
        services.AddOptions<ZoneOptions>().BindConfiguration(ZoneOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ZoneOptions>, ZoneOptionsValidator>();
        services.AddSingleton<LocalZoneActivations>();
        services.AddSingleton<SessionHostWatcher>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SessionHostWatcher>());
        return services;
    }
}
