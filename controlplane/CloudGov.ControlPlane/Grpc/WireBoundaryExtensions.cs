using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>The wiring of the wire boundary: request bytes that are not protobuf answer InvalidArgument, rejections are logged bounded.</summary>
internal static class WireBoundaryExtensions
{
    /// <summary>
    /// Replaces Grpc.AspNetCore's service binder with <see cref="RequestParsingServiceMethodProvider{TService}"/>, registers
    /// <see cref="RejectedRequestLog"/>, and keeps the framework's per-call Information line ("Error status code … raised",
    /// which quotes the whole status message) out of the log. Call after every <c>AddGrpc*</c>.
    /// </summary>
    public static IServiceCollection AddWireBoundary(this IServiceCollection services)
    {
        var framework = services.Where(d => d.ServiceType == typeof(IServiceMethodProvider<>)
            && d.ImplementationType is { IsGenericTypeDefinition: true } type
            && type.Name.StartsWith("BinderServiceMethodProvider", StringComparison.Ordinal)).ToList();
        foreach (var descriptor in framework)
        {
            services.Remove(descriptor);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IServiceMethodProvider<>), typeof(RequestParsingServiceMethodProvider<>)));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RejectedRequestLog>();
        services.AddLogging(logging => logging.AddFilter("Grpc.AspNetCore.Server.ServerCallHandler", LogLevel.Warning));
        return services;
    }

    /// <summary>Logs every call the boundary rejected, one line per peer per window (see <see cref="RejectedRequestLog"/>).</summary>
    public static IApplicationBuilder UseWireBoundary(this IApplicationBuilder app)
    {
        var log = app.ApplicationServices.GetRequiredService<RejectedRequestLog>();
        return app.Use(async (context, next) =>
        {
            await next(context);
            log.Observe(context);
        });
    }
}
