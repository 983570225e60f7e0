using Grpc.Core.Interceptors;

namespace CloudGov.ControlPlane.Stopping;

/// <summary>
/// Puts each agent stream under the <see cref="GatewayDrain"/>: refused while the host stops, its reads ended when the host
/// starts stopping, and its end turned into the documented <see cref="Grpc.HostStoppingStatus"/>. Registered for the agent
/// service only; the handler itself needs no change.
/// </summary>
internal sealed class GatewayDrainInterceptor(GatewayDrain drain) : Interceptor
{
    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var lease = drain.Enter();
        // The stream counts as open until Kestrel has written its end (the host-stopping trailers included), not only
        // until the handler returned: the drain's end lets Kestrel close the connection, and an agent whose trailers
        // were not yet written read "the server closed the connection" instead of host-stopping (seen in CI).
        context.GetHttpContext().Response.OnCompleted(static state =>
        {
            ((GatewayDrain.Lease)state).Dispose();
            return Task.CompletedTask;
        }, lease);
        var reader = new DrainingStreamReader<TRequest>(requestStream, drain.Stopping);
        bool stopped;
        try
        {
            await continuation(reader, responseStream, context);
            stopped = reader.Drained && !context.CancellationToken.IsCancellationRequested;
        }
        catch (Exception ex) when (EndedByStop(ex, context))
        {
            stopped = true;
        }

        if (stopped)
        {
            throw Grpc.HostStoppingStatus.Create();
        }
    }

    /// <summary>A failure the stop caused (a cancelled or unavailable call while draining), not one of the agent's own.</summary>
    private bool EndedByStop(Exception ex, ServerCallContext context) =>
        drain.IsStopping
        && !context.CancellationToken.IsCancellationRequested
        && ex is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled or StatusCode.Unavailable };
}
