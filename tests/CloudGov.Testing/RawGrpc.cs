using Grpc.Core;

namespace CloudGov.Testing;

/// <summary>
/// gRPC calls whose request is raw bytes (a marshaller of <c>byte[]</c>), so tests can send what no generated client
/// would: truncated messages, wrong wire types, random bytes.
/// </summary>
public static class RawGrpc
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(static b => b, static b => b);

    /// <summary>A unary method of <paramref name="service"/> (e.g. <c>cloudgov.operations.v1.OperationsService</c>) taking and returning raw bytes.</summary>
    public static Method<byte[], byte[]> Unary(string service, string method) => new(MethodType.Unary, service, method, Bytes, Bytes);

    /// <summary>A bidirectional streaming method taking and returning raw bytes.</summary>
    public static Method<byte[], byte[]> Duplex(string service, string method) => new(MethodType.DuplexStreaming, service, method, Bytes, Bytes);

    /// <summary>Sends <paramref name="payload"/> to a unary method and returns the status it ended with (OK included).</summary>
    public static async Task<Status> CallAsync(CallInvoker invoker, Method<byte[], byte[]> method, byte[] payload, TimeSpan timeout, Metadata? headers = null)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        try
        {
            using var call = invoker.AsyncUnaryCall(method, null, new CallOptions(headers, deadline: DateTime.UtcNow + timeout), payload);
            await call.ResponseAsync;
            return call.GetStatus();
        }
        catch (RpcException ex)
        {
            return ex.Status;
        }
    }

    /// <summary>Opens a stream, writes each payload as one message, half-closes, and returns the status the server ended it with.</summary>
    public static async Task<Status> StreamAsync(CallInvoker invoker, Method<byte[], byte[]> method, IEnumerable<byte[]> payloads, TimeSpan timeout, Metadata? headers = null)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        ArgumentNullException.ThrowIfNull(payloads);
        using var call = invoker.AsyncDuplexStreamingCall(method, null, new CallOptions(headers, deadline: DateTime.UtcNow + timeout));
        var reading = Task.Run(async () =>
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        });
        try
        {
            foreach (var payload in payloads)
            {
                await call.RequestStream.WriteAsync(payload);
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException or IOException)
        {
            // The server may end the call while we still write; its status is read below.
        }

        try
        {
            await reading;
            return call.GetStatus();
        }
        catch (RpcException ex)
        {
            return ex.Status;
        }
    }
}
