namespace CloudGov.ControlPlane.Grpc;

/// <summary>
/// The documented end of an agent stream when its host stops: status <c>UNAVAILABLE</c>, message
/// <see cref="Message"/> and the trailer <c>cloudgov-stream-end: host-stopping</c>. A new stream opened on a stopping host
/// is refused with the same status. An agent that sees it reconnects to its next configured host at once (no backoff) and
/// re-sends every report that was not acknowledged. The agent keeps its own copy of these names
/// (<c>CloudGov.Agent.Connection.HostStopping</c>): the agent never references control-plane projects.
/// </summary>
internal static class HostStoppingStatus
{
    /// <summary>The trailer that says why the stream ended.</summary>
    public const string TrailerKey = "cloudgov-stream-end";

    /// <summary>The trailer's value when the host is stopping.</summary>
    public const string TrailerValue = "host-stopping";

    /// <summary>The status message.</summary>
    public const string Message = "this control-plane host is stopping; reconnect to another host and re-send unacknowledged reports";

    /// <summary>The exception a stream handler ends with.</summary>
    public static RpcException Create() =>
        new(new Status(StatusCode.Unavailable, Message), new Metadata { { TrailerKey, TrailerValue } });
}
