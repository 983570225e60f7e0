using Grpc.AspNetCore.Server;

namespace CloudGov.ControlPlane.Stopping;

/// <summary>Wires the clean stop: the gateway drain, its options and the agent service's interceptor.</summary>
internal static class StoppingServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="GatewayDrain"/> (a hosted lifecycle service) with <see cref="GatewayDrainOptions"/> validated at start,
    /// and puts <typeparamref name="TAgentService"/>'s streams under it.
    /// </summary>
    public static IServiceCollection AddGatewayDrain<TAgentService>(this IServiceCollection services)
        where TAgentService : class
    {
        services.AddOptions<GatewayDrainOptions>().BindConfiguration(GatewayDrainOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayDrainOptions>, GatewayDrainOptionsValidator>();
        services.AddSingleton<GatewayDrain>();
        services.AddHostedService(sp => sp.GetRequiredService<GatewayDrain>());
        services.AddSingleton<GatewayDrainInterceptor>();
        services.Configure<GrpcServiceOptions<TAgentService>>(o => o.Interceptors.Add<GatewayDrainInterceptor>());
        return services;
    }
}
