using CloudGov.Agent.Providers;
using CloudGov.Agent.Providers.Kubernetes;
using Microsoft.Extensions.DependencyInjection;

// In the hosting namespace, as registration extensions are, so the agent's provider switch needs no using of its own.
namespace Microsoft.Extensions.Hosting;

/// <summary>Registers the Kubernetes zone provider.</summary>
public static class KubernetesProviderExtensions
{
    /// <summary>Binds <c>Agent:Kubernetes:*</c> (validated at start) and makes <see cref="KubernetesZoneProvider"/> the zone provider.</summary>
    public static IHostApplicationBuilder AddKubernetesZoneProvider(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<KubernetesZoneOptions>().BindConfiguration(KubernetesZoneOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<KubernetesZoneOptions>, KubernetesZoneOptionsValidator>();
        builder.Services.AddSingleton<KubernetesZoneProvider>();
        builder.Services.AddSingleton<IZoneProvider>(sp => sp.GetRequiredService<KubernetesZoneProvider>());
        return builder;
    }
}
