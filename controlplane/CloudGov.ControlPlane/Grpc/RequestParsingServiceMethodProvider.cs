using System.Reflection;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>
/// Binds every gRPC service of the host the way Grpc.AspNetCore's own binder does (through the generated
/// <c>BindService</c> method), with one difference at the boundary: a request whose bytes are not the method's protobuf
/// message is answered InvalidArgument naming the message type, instead of Unknown with a stack trace in the log (the
/// framework's answer to any exception its deserializer throws). Covers unary calls, where the request is parsed
/// before any interceptor runs, and streams alike.
/// </summary>
/// <typeparam name="TService">The service implementation type.</typeparam>
internal sealed class RequestParsingServiceMethodProvider<TService> : IServiceMethodProvider<TService>
    where TService : class
{
    /// <inheritdoc />
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (FindBindMethod(typeof(TService)) is not { } bind)
        {
            return;
        }

        bind.Invoke(null, [new Binder(context), null]);
    }

    /// <summary>The generated static <c>BindService(ServiceBinderBase, TBase)</c> named by the service's <see cref="BindServiceMethodAttribute"/>.</summary>
    private static MethodInfo? FindBindMethod(System.Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is { } attribute)
            {
                return attribute.BindType.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                    .FirstOrDefault(m => m.Name == attribute.BindMethodName && m.GetParameters() is { Length: 2 } p && p[0].ParameterType == typeof(ServiceBinderBase));
            }
        }

        return null;
    }

    /// <summary>The method with its request deserializer guarded.</summary>
    private static Method<TRequest, TResponse> Guarded<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class
        where TResponse : class
    {
        var marshaller = method.RequestMarshaller;
        string what = typeof(TRequest).Name;
        var guarded = Marshallers.Create(marshaller.ContextualSerializer, context =>
        {
            try
            {
                return marshaller.ContextualDeserializer(context);
            }
            catch (Exception ex) when (ex is InvalidProtocolBufferException or ArgumentException or InvalidOperationException)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument,
                    $"the request is not a valid {what} protobuf message ({WireText.Excerpt(ex.Message, 96)}); send the message this method takes"));
            }
        });
        return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, guarded, method.ResponseMarshaller);
    }

    /// <summary>What the framework's binder attaches to an endpoint: the service's and the method's attributes (authorization and the like).</summary>
    private static (MethodInfo Handler, List<object> Metadata) Handler(string name, params System.Type[] parameters)
    {
        var handler = typeof(TService).GetMethod(name, BindingFlags.Public | BindingFlags.Instance, parameters)
            ?? throw new InvalidOperationException($"Could not find '{name}' on {typeof(TService)} to bind.");
        var metadata = new List<object>(typeof(TService).GetCustomAttributes(inherit: true));
        metadata.AddRange(handler.GetCustomAttributes(inherit: true));
        return (handler, metadata);
    }

    private static T Invoker<T>(MethodInfo handler)
        where T : Delegate => (T)Delegate.CreateDelegate(typeof(T), handler);

    private sealed class Binder(ServiceMethodProviderContext<TService> context) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            var (h, metadata) = Handler(method.Name, typeof(TRequest), typeof(ServerCallContext));
            context.AddUnaryMethod(Guarded(method), metadata, Invoker<UnaryServerMethod<TService, TRequest, TResponse>>(h));
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (h, metadata) = Handler(method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext));
            context.AddClientStreamingMethod(Guarded(method), metadata, Invoker<ClientStreamingServerMethod<TService, TRequest, TResponse>>(h));
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (h, metadata) = Handler(method.Name, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            context.AddServerStreamingMethod(Guarded(method), metadata, Invoker<ServerStreamingServerMethod<TService, TRequest, TResponse>>(h));
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (h, metadata) = Handler(method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            context.AddDuplexStreamingMethod(Guarded(method), metadata, Invoker<DuplexStreamingServerMethod<TService, TRequest, TResponse>>(h));
        }
    }
}
