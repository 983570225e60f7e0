using CloudGov.Scheduling;
using CloudGov.Scheduling.Rebalancing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CloudGov.ControlPlane.Grains.Scheduling;

/// <summary>Wires the scheduler the placement, rebalancer and plan grains share.</summary>
public static class SchedulerServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>CloudGov:Scheduling</c> and <c>CloudGov:Scheduling:Rebalance</c>, validates both at start (every bad
    /// key named), and registers one <see cref="Scheduler"/> per host, built from the validated options. The scheduler
    /// is pure and keeps no state between calls, so every grain activation shares it.
    /// </summary>
    public static IServiceCollection AddScheduler(this IServiceCollection services)
    {
        services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SchedulingOptions>, SchedulingOptionsCheck>();
        services.AddOptions<CloudGovRebalanceOptions>().BindConfiguration(CloudGovRebalanceOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CloudGovRebalanceOptions>, RebalanceOptionsCheck>();
        services.TryAddSingleton(sp => new Scheduler(
            sp.GetRequiredService<IOptions<SchedulingOptions>>().Value,
            sp.GetRequiredService<IOptions<CloudGovRebalanceOptions>>().Value));
        return services;
    }
}
