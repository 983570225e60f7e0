using System.Runtime.CompilerServices;
using CloudGov.Proto.Operations.V1;
using Grpc.Core;

namespace CloudGov.Cli.Commands;

/// <summary>
/// The events of one plan from the server-streaming <c>WatchPlan</c> RPC, until the event that carries a terminal state.
/// Once a stream has delivered an event, a stream that breaks (Unavailable — e.g. the host stopped —, Internal, Aborted,
/// a reset, or an end without a terminal state) is opened again after a backoff (250 ms doubling to 10 s, at most
/// <see cref="MaxReconnects"/> tries in a row without an event); the new stream starts with a snapshot of the plan as it
/// is then. A first call that fails, and errors a retry cannot fix (NotFound, InvalidArgument, PermissionDenied,
/// Unauthenticated), end the watch with that error.
/// </summary>
internal static class PlanEventStream
{
    /// <summary>How many times in a row a broken stream is opened again before the watch gives up with the last error.</summary>
    public const int MaxReconnects = 8;

    /// <summary>The wait before reconnect <paramref name="attempt"/> (1-based): 250 ms, 500 ms, 1 s, … at most 10 s.</summary>
    public static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(10_000, 250 * Math.Pow(2, Math.Clamp(attempt - 1, 0, 16))));

    /// <summary>Reads the plan's events; the last one yielded is <see cref="WatchPlanEvent.Final"/>. <paramref name="backoff"/> replaces <see cref="Backoff"/> (tests).</summary>
    public static async IAsyncEnumerable<WatchPlanEvent> ReadAsync(
        OperationsService.OperationsServiceClient client,
        Func<CancellationToken, CallOptions> options,
        string planId,
        TextWriter notices,
        [EnumeratorCancellation] CancellationToken cancellationToken,
        Func<int, TimeSpan>? backoff = null)
    {
        backoff ??= Backoff;
        bool connected = false;
        int failures = 0;
        while (true)
        {
            RpcException? broken = null;
            using (var call = client.WatchPlan(new WatchPlanRequest { PlanId = planId }, options(cancellationToken)))
            {
                while (true)
                {
                    bool more;
                    try
                    {
                        more = await call.ResponseStream.MoveNext(cancellationToken);
                    }
                    catch (RpcException error) when (connected && !cancellationToken.IsCancellationRequested && Retryable(error.StatusCode))
                    {
                        broken = error;
                        break;
                    }

                    if (!more)
                    {
                        break;
                    }

                    connected = true;
                    failures = 0;
                    var current = call.ResponseStream.Current;
                    yield return current;
                    if (current.Final)
                    {
                        yield break;
                    }
                }
            }

            broken ??= new RpcException(new Status(StatusCode.Unavailable, "the watch stream ended before the plan reached a terminal state"));
            if (!connected || ++failures > MaxReconnects)
            {
                throw broken;
            }

            var wait = backoff(failures);
            await notices.WriteLineAsync($"watch of {planId} broke ({RpcErrors.StatusName(broken.StatusCode)}: {broken.Status.Detail}); reconnecting in {wait.TotalSeconds:0.###} s (try {failures} of {MaxReconnects})");
            await Task.Delay(wait, cancellationToken);
        }
    }

    private static bool Retryable(StatusCode code) =>
        code is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unknown or StatusCode.Aborted or StatusCode.Cancelled
            or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted;
}
