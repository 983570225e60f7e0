using CloudGov.Agent.Connection;
using CloudGov.Agent.Providers;

namespace CloudGov.Agent;

/// <summary>The agent's wiring.</summary>
public static class AgentHostExtensions
{
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
        builder.Services.AddSingleton<IZoneProvider>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AgentOptions>>().Value;
            return options.Provider.ToLowerInvariant() switch
            {
                "simulated" => new SimulatedZoneProvider(options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SimulatedZoneProvider>>()),
                _ => throw new InvalidOperationException($"Agent:Provider '{options.Provider}' is not available in this build; use Simulated."),
            };
        });
        builder.Services.AddHostedService<AgentWorker>();
        return builder;
    }
}
