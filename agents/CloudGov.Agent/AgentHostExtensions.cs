using CloudGov.Agent.Connection;
using CloudGov.Agent.Providers;

namespace CloudGov.Agent;

/// <summary>The agent's wiring.</summary>
public static class AgentHostExtensions
{
    /// <summary>The values <c>Agent:Provider</c> accepts (case-insensitive).</summary>
    public static readonly IReadOnlyList<string> ProviderNames = ["Simulated", "Aws", "Kubernetes", "Azure"];

    /// <summary>Adds the zone agent: options, the configured provider, state and the connection worker.</summary>
    public static IHostApplicationBuilder AddZoneAgent(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AgentOptions>().BindConfiguration(AgentOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AgentOptions>, AgentOptionsValidator>();
        if (!builder.Services.Any(s => s.ServiceType == typeof(TimeProvider)))
        {
            builder.Services.AddSingleton(TimeProvider.System);
        }

        builder.Services.AddSingleton<AgentState>();
        // One case per provider; each real cloud's SDK lives in its own project (agents/CloudGov.Agent.Providers.*), whose
        // registration method binds its own options section, so an agent loads only the SDK of the provider it drives.
        string provider = builder.Configuration[$"{AgentOptions.SectionName}:{nameof(AgentOptions.Provider)}"] ?? "Simulated";
        switch (provider.ToLowerInvariant())
        {
            case "simulated":
                builder.Services.AddSingleton<IZoneProvider>(sp => new SimulatedZoneProvider(
                    sp.GetRequiredService<IOptions<AgentOptions>>().Value, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SimulatedZoneProvider>>()));
                break;
            case "aws":
                CloudGov.Agent.Providers.Aws.AwsZoneProviderRegistration.AddAwsZoneProvider(builder);
                break;
            case "kubernetes":
                builder.AddKubernetesZoneProvider();
                break;
            case "azure":
                Providers.Azure.AzureProviderExtensions.AddAzureZoneProvider(builder);
                break;
            default:
                throw new InvalidOperationException($"Agent:Provider '{WireSafe(provider)}' is not a provider of this agent; use one of: {string.Join(", ", ProviderNames)}.");
        }

        builder.Services.AddHostedService<AgentWorker>();
        return builder;
    }

    private static string WireSafe(string value) =>
        new([.. (value.Length <= 32 ? value : value[..32] + "…").Select(c => char.IsControl(c) ? '?' : c)]);
}
