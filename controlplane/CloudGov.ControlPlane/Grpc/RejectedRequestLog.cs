using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>
/// Logs calls the wire boundary rejected (InvalidArgument, ResourceExhausted): at most one Warning line per peer (remote
/// address) per <see cref="Window"/>, quoting a bounded excerpt of the status message and counting the calls it did not
/// log. So a client sending garbage in a loop costs the log one line every ten seconds, never megabytes.
/// </summary>
internal sealed class RejectedRequestLog(TimeProvider time, ILogger<RejectedRequestLog> logger)
{
    /// <summary>How long after a logged rejection further rejections from the same peer are only counted.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    /// <summary>The most peers remembered; beyond it, peers quiet for a window are forgotten.</summary>
    private const int MaxPeers = 4096;

    private readonly ConcurrentDictionary<string, PeerWindow> _peers = new(StringComparer.Ordinal);

    /// <summary>Inspects a finished gRPC call and logs it if the boundary rejected it and the peer's window allows.</summary>
    public void Observe(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string? status = StatusOf(context, out string? message);
        if (status is not ("3" or "8"))
        {
            return;
        }

        string peer = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var now = time.GetUtcNow();
        var window = _peers.GetOrAdd(peer, static _ => new PeerWindow());
        int suppressed;
        lock (window)
        {
            if (window.LoggedAt is { } last && now - last < Window)
            {
                window.Suppressed++;
                return;
            }

            suppressed = window.Suppressed;
            window.Suppressed = 0;
            window.LoggedAt = now;
        }

        if (_peers.Count > MaxPeers)
        {
            foreach (var (key, value) in _peers)
            {
                if (value.LoggedAt is { } at && now - at >= Window)
                {
                    _peers.TryRemove(key, out _);
                }
            }
        }

        WireBoundaryLog.Rejected(logger, peer, WireText.Excerpt(context.Request.Path.Value, 96), status == "3" ? "InvalidArgument" : "ResourceExhausted",
            WireText.Excerpt(Decode(message), 240), suppressed, (int)Window.TotalSeconds);
    }

    /// <summary>grpc-status and grpc-message from the trailers, or from the headers of a trailers-only response.</summary>
    private static string? StatusOf(HttpContext context, out string? message)
    {
        var trailers = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers;
        if (trailers is not null && trailers.TryGetValue("grpc-status", out var fromTrailers))
        {
            message = trailers.TryGetValue("grpc-message", out var m) ? m.ToString() : null;
            return fromTrailers.ToString();
        }

        if (context.Response.Headers.TryGetValue("grpc-status", out var fromHeaders))
        {
            message = context.Response.Headers.TryGetValue("grpc-message", out var m) ? m.ToString() : null;
            return fromHeaders.ToString();
        }

        message = null;
        return null;
    }

    /// <summary>grpc-message is percent-encoded on the wire.</summary>
    private static string Decode(string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return string.Empty;
        }

        try
        {
            return Uri.UnescapeDataString(message.Length > 4096 ? message[..4096] : message);
        }
        catch (UriFormatException)
        {
            return message;
        }
    }

    private sealed class PeerWindow
    {
        public DateTimeOffset? LoggedAt { get; set; }

        public int Suppressed { get; set; }
    }
}
