using Microsoft.Extensions.DependencyInjection;

namespace CloudGov.ControlPlane.Grains.Placement;

/// <summary>Wires the placement area: the placement grain's settings (<c>Placement</c>), bound and checked at start.</summary>
public static class PlacementGrainsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="PlacementOptions"/> from <see cref="PlacementOptions.SectionName"/> and validates it at start
    /// (its rule across settings reads the zones' options, so call <c>AddZoneGrains()</c> too).
    /// </summary>
    public static IServiceCollection AddPlacementGrains(this IServiceCollection services)
    {
        services.AddOptions<PlacementOptions>().BindConfiguration(PlacementOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PlacementOptions>, PlacementOptionsValidator>();
        return services;
    }
}
