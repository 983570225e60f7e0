using CloudGov.ControlPlane.Hosting;
using Microsoft.AspNetCore.Connections;

namespace CloudGov.ControlPlane.AgentIdentity;

/// <summary>
/// Bounds the TLS handshakes the agent endpoint runs at once (<see cref="ControlPlaneOptions.MaxAgentHandshakesInFlight"/>).
/// A connection takes a slot before its handshake (connection middleware ahead of Kestrel's HTTPS middleware) and gives
/// it back as soon as the handshake is over (middleware after it) — or when the handshake fails or the connection closes.
/// Waiting costs no thread, so a reconnect burst queues here in arrival order while operators' calls and health probes
/// get the CPU between handshakes. Established streams are not affected: the slot is released before HTTP/2 starts.
/// </summary>
internal sealed class AgentHandshakeGate
{
    private static readonly object LeaseKey = new();
    private readonly SemaphoreSlim? _slots;
    private readonly OperatorPriority _operators;
    private int _waiting;

    /// <param name="limit">The most handshakes at once; 0 or less is unbounded (the options validator refuses negatives at start).</param>
    /// <param name="operators">Operators' requests a handshake holding its slot lets go first (<see cref="ControlPlaneOptions.OperatorPriorityPause"/>); none when null.</param>
    public AgentHandshakeGate(int limit, OperatorPriority? operators = null)
    {
        _slots = limit > 0 ? new SemaphoreSlim(limit, limit) : null;
        _operators = operators ?? OperatorPriority.Off;
    }

    /// <summary>Connections waiting for a handshake slot now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>The middleware that runs before the TLS handshake: waits for a slot and holds it until <see cref="AfterHandshake"/>.</summary>
    public Func<ConnectionDelegate, ConnectionDelegate> BeforeHandshake => next => async connection =>
    {
        if (_slots is null)
        {
            await next(connection);
            return;
        }

        Interlocked.Increment(ref _waiting);
        try
        {
            await _slots.WaitAsync(connection.ConnectionClosed);
        }
        catch (OperationCanceledException)
        {
            return; // the peer went away while waiting: nothing to hand over
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        var lease = new Lease(_slots);
        connection.Items[LeaseKey] = lease;
        try
        {
            await _operators.YieldAsync(connection.ConnectionClosed);
            await next(connection);
        }
        finally
        {
            lease.Dispose(); // a failed or abandoned handshake gives the slot back too
        }
    };

    /// <summary>The middleware that runs once the handshake succeeded: gives the slot back before the connection's HTTP/2 work.</summary>
    public Func<ConnectionDelegate, ConnectionDelegate> AfterHandshake => next => connection =>
    {
        if (connection.Items.TryGetValue(LeaseKey, out var held) && held is Lease lease)
        {
            lease.Dispose();
        }

        return next(connection);
    };

    /// <summary>A held slot, released once.</summary>
    private sealed class Lease(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
