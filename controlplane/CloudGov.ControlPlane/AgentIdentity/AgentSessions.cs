using System.Collections.Concurrent;
using System.Collections.Frozen;
using Microsoft.AspNetCore.Connections.Features;

namespace CloudGov.ControlPlane.AgentIdentity;

/// <summary>
/// The open agent streams by certificate serial, so that revoking a certificate ends its streams at once
/// (the stream is reset and its connection asked to close; the agent's reconnect is then refused at the handshake).
/// </summary>
internal sealed class AgentSessions
{
    private readonly ConcurrentDictionary<long, (string Serial, string ZoneId, HttpContext Context)> _open = new();
    private readonly ILogger _logger;
    private long _next;

    public AgentSessions(RevocationList revocations, ILogger logger)
    {
        _logger = logger;
        revocations.Changed += EndRevoked;
    }

    /// <summary>Remembers the stream until the returned registration is disposed (with the request).</summary>
    public IDisposable Track(string serial, string zoneId, HttpContext context)
    {
        long id = Interlocked.Increment(ref _next);
        _open[id] = (RevokedSerials.Normalize(serial) ?? serial, zoneId, context);
        return new Registration(this, id);
    }

    /// <summary>The serials of the open streams of <paramref name="zoneId"/>.</summary>
    public IReadOnlyList<string> SerialsOf(string zoneId) =>
        [.. _open.Values.Where(s => s.ZoneId == zoneId).Select(s => s.Serial)];

    private void EndRevoked(FrozenSet<string> revoked)
    {
        foreach (var (id, session) in _open)
        {
            if (revoked.Contains(session.Serial) && _open.TryRemove(id, out _))
            {
                AgentIdentityLog.RevokedStreamEnded(_logger, session.ZoneId, session.Serial);
                session.Context.Features.Get<IConnectionLifetimeNotificationFeature>()?.RequestClose();
                session.Context.Abort();
            }
        }
    }

    private sealed class Registration(AgentSessions sessions, long id) : IDisposable
    {
        public void Dispose() => sessions._open.TryRemove(id, out _);
    }
}
