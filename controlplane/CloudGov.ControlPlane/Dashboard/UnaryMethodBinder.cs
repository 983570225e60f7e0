namespace CloudGov.ControlPlane.Dashboard;

/// <summary>
/// Collects a gRPC service's unary handlers by full method name from its generated <c>BindService</c>, so the dashboard
/// calls the very method the gRPC port would dispatch to.
/// </summary>
internal sealed class UnaryMethodBinder : ServiceBinderBase
{
    private readonly Dictionary<string, Delegate> _handlers = new(StringComparer.Ordinal);

    /// <summary>The handler of <paramref name="method"/> (<c>package.Service/Method</c>); null when the service has none of that shape.</summary>
    public UnaryServerMethod<TRequest, TResponse>? Find<TRequest, TResponse>(string method)
        where TRequest : class
        where TResponse : class =>
        _handlers.GetValueOrDefault(method) as UnaryServerMethod<TRequest, TResponse>;

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
    {
        if (handler is not null)
        {
            _handlers[method.FullName.TrimStart('/')] = handler;
        }
    }

    /// <summary>Streaming methods (WatchPlan) are not the dashboard's: ignored (the base class would throw).</summary>
    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
    {
    }
}
