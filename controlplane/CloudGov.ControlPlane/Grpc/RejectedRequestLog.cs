using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>
/// Logs calls the wire boundary refused, worded by status: malformed input (InvalidArgument) as a Warning, a limit or
/// quota reached (ResourceExhausted: the rate limit, the pending limit, TENANT_QUOTA_EXCEEDED — ordinary answers to
/// well-formed calls) as Information. At most one line per peer (remote address) and status per <see cref="Window"/>,
/// quoting a bounded excerpt of the status message and counting the calls it did not log. So a client sending garbage
/// or retrying against a limit in a loop costs the log one line every ten seconds, never megabytes, and a flood of quota
/// refusals never hides a malformed call from the same peer.
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
        bool malformed = status == "3";
        var now = time.GetUtcNow();
        var window = _peers.GetOrAdd(malformed ? peer : "8|" + peer, static _ => new PeerWindow());
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

        string method = WireText.Excerpt(context.Request.Path.Value, 96);
        string detail = WireText.Excerpt(Decode(message), 240);
        if (malformed)
        {
            WireBoundaryLog.Rejected(logger, peer, method, "InvalidArgument", detail, suppressed, (int)Window.TotalSeconds);
        }
        else
        {
            WireBoundaryLog.LimitReached(logger, peer, method, "ResourceExhausted", detail, suppressed, (int)Window.TotalSeconds);
        }
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
