using Grpc.Core;

namespace CloudGov.Agent.Connection;

/// <summary>
/// The control plane's documented end of a stream when its host stops: <c>UNAVAILABLE</c> with the trailer
/// <c>cloudgov-stream-end: host-stopping</c> (the control plane's <c>HostStoppingStatus</c>; the names are repeated here
/// because the agent never references control-plane projects). Classified by status code and trailer, not message text.
/// </summary>
public static class HostStopping
{
    /// <summary>The trailer that says why the stream ended.</summary>
    public const string TrailerKey = "cloudgov-stream-end";

    /// <summary>The trailer's value when the host is stopping.</summary>
    public const string TrailerValue = "host-stopping";

    /// <summary>True when <paramref name="exception"/> is a stream ended (or refused) because its host is stopping.</summary>
    public static bool Is(RpcException exception) =>
        exception.StatusCode == StatusCode.Unavailable
        && string.Equals(exception.Trailers.GetValue(TrailerKey), TrailerValue, StringComparison.Ordinal);

    /// <summary>
    /// The host-stopping end of a finished <paramref name="call"/>, or null when it is not finished or ended otherwise. Read
    /// from the call itself, because the loop that fails first may see only its own cancellation or a failed write.
    /// </summary>
    public static RpcException? EndOf<TRequest, TResponse>(AsyncDuplexStreamingCall<TRequest, TResponse> call)
    {
        try
        {
            var ended = new RpcException(call.GetStatus(), call.GetTrailers());
            return Is(ended) ? ended : null;
        }
        catch (InvalidOperationException)
        {
            return null; // still running, or ended without a status from the server
        }
    }

    /// <summary>How long a failed write waits for the stream's status before the session is cancelled.</summary>
    public static readonly TimeSpan StatusGrace = TimeSpan.FromSeconds(1);

    /// <summary>
    /// When the sending loop failed first (a write to a stream the host already ended), gives the reading loop up to
    /// <see cref="StatusGrace"/> to receive the status and trailers; cancelling at once would replace them with the
    /// agent's own cancellation, and a host-stopping end would look like a failure.
    /// </summary>
    public static async Task LetStatusArriveAsync(Task reader, Task finished, TimeProvider time)
    {
        if (ReferenceEquals(finished, reader) || !finished.IsFaulted)
        {
            return;
        }

        await Task.WhenAny(reader, Task.Delay(StatusGrace, time));
    }
}
