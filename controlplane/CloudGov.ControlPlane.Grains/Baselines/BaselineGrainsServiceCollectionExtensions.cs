using CloudGov.Baselines.Evaluation;
using Microsoft.Extensions.DependencyInjection;

namespace CloudGov.ControlPlane.Grains.Baselines;

/// <summary>Wires the security baseline: its settings (<c>Baselines</c>), checked at start, and the one evaluator of the pack in force.</summary>
public static class BaselineGrainsServiceCollectionExtensions
{
    /// <summary>Binds <see cref="BaselineOptions"/>, validates it (and the custom rule file) at start, and adds the evaluator.</summary>
    public static IServiceCollection AddBaselineGrains(this IServiceCollection services)
    {
        services.AddOptions<BaselineOptions>().BindConfiguration(BaselineOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BaselineOptions>, BaselineOptionsValidator>();
        services.AddSingleton(sp => new BaselineEvaluator(BaselinePackFactory.Create(sp.GetRequiredService<IOptions<BaselineOptions>>().Value)));
        return services;
    }
}
