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
        var flag = new HostStoppingFlag();
        services.AddSingleton(flag);
        services.AddSingleton<GatewayDrain>();
        services.AddHostedService(sp => sp.GetRequiredService<GatewayDrain>());
        services.AddSingleton<GatewayDrainInterceptor>();
        services.Configure<GrpcServiceOptions<TAgentService>>(o => o.Interceptors.Add<GatewayDrainInterceptor>());

        // Every log provider registered so far goes through the StoppingLogFilter.
        foreach (var provider in services.Where(d => d.ServiceType == typeof(ILoggerProvider)).ToList())
        {
            services.Remove(provider);
            services.Add(ServiceDescriptor.Singleton<ILoggerProvider>(sp => new StoppingLogFilter(Create(sp, provider), () => flag.IsSet)));
        }

        return services;
    }

    private static ILoggerProvider Create(IServiceProvider services, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance as ILoggerProvider
        ?? descriptor.ImplementationFactory?.Invoke(services) as ILoggerProvider
        ?? (ILoggerProvider)ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);
}
