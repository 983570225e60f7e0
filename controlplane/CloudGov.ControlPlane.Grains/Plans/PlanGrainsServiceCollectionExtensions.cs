using Microsoft.Extensions.DependencyInjection;

namespace CloudGov.ControlPlane.Grains.Plans;

/// <summary>Wires the plan area: the rebalancer's and plan grains' settings (<c>Plans</c>), bound and checked at start.</summary>
public static class PlanGrainsServiceCollectionExtensions
{
    /// <summary>Binds <see cref="PlanPolicyOptions"/> from <see cref="PlanPolicyOptions.SectionName"/> and validates it at start.</summary>
    public static IServiceCollection AddPlanGrains(this IServiceCollection services)
    {
        services.AddOptions<PlanPolicyOptions>().BindConfiguration(PlanPolicyOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PlanPolicyOptions>, PlanPolicyOptionsValidator>();
        return services;
    }
}
