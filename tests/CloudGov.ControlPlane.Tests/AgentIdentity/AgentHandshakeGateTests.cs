using CloudGov.ControlPlane.AgentIdentity;
using CloudGov.Testing;
using Microsoft.AspNetCore.Connections;

namespace CloudGov.ControlPlane.Tests.AgentIdentity;

/// <summary>The agent endpoint's handshake bound: the middleware pair around Kestrel's HTTPS middleware, driven directly.</summary>
public sealed class AgentHandshakeGateTests
{
    [Test]
    public async Task OneSlot_SecondConnectionsHandshakeStartsOnlyOnceTheFirstsIsOver_ItsStreamDoesNotHoldTheSlot()
    {
        var gate = new AgentHandshakeGate(1);
        var firstHandshake = new TaskCompletionSource();
        var firstStream = new TaskCompletionSource();
        var started = new List<string>();
        var pipeline = Pipeline(gate, handshake: async c =>
        {
            lock (started)
            {
                started.Add(c.ConnectionId);
            }

            if (c.ConnectionId == "first")
            {
                await firstHandshake.Task;
            }
        }, stream: c => c.ConnectionId == "first" ? firstStream.Task : Task.CompletedTask);

        var first = pipeline(new DefaultConnectionContext("first"));
        var second = pipeline(new DefaultConnectionContext("second"));
        await Eventually.HoldsAsync(() => gate.Waiting == 1, "the second connection to wait for the slot");
        Assert.That(started, Is.EqualTo(new[] { "first" }), "the second handshake has not started");

        firstHandshake.SetResult();
        await second;

        Assert.That(started, Is.EqualTo(new[] { "first", "second" }));
        Assert.That(first.IsCompleted, Is.False, "the first connection's stream is still open: it no longer holds the slot");
        firstStream.SetResult();
        await first;
    }

    [Test]
    public async Task HandshakeFails_SlotGivenBack()
    {
        var gate = new AgentHandshakeGate(1);
        var failing = Pipeline(gate, handshake: _ => throw new IOException("the client sent no certificate"), stream: _ => Task.CompletedTask);
        var passing = Pipeline(gate, handshake: _ => Task.CompletedTask, stream: _ => Task.CompletedTask);

        await Assert.ThrowsAsync<IOException>(() => failing(new DefaultConnectionContext("bad")));
        await passing(new DefaultConnectionContext("good")).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(gate.Waiting, Is.Zero);
    }

    [Test]
    public async Task PeerGoesAwayWhileWaiting_StopsWaitingWithoutTakingTheSlot()
    {
        var gate = new AgentHandshakeGate(1);
        var held = new TaskCompletionSource();
        var handshakes = 0;
        var pipeline = Pipeline(gate, handshake: c => { Interlocked.Increment(ref handshakes); return c.ConnectionId == "holder" ? held.Task : Task.CompletedTask; }, stream: _ => Task.CompletedTask);
        using var closed = new CancellationTokenSource();
        var holder = pipeline(new DefaultConnectionContext("holder"));
        var leaving = pipeline(new DefaultConnectionContext("leaving") { ConnectionClosed = closed.Token });
        await Eventually.HoldsAsync(() => gate.Waiting == 1, "the second connection to wait");

        await closed.CancelAsync();
        await leaving.WaitAsync(TimeSpan.FromSeconds(10));
        held.SetResult();
        await holder;
        await pipeline(new DefaultConnectionContext("next")).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(handshakes, Is.EqualTo(2), "the peer that left never had a handshake; the slot went to the next one");
    }

    [Test]
    public async Task Unbounded_EveryHandshakeAtOnce()
    {
        var gate = new AgentHandshakeGate(0);
        var release = new TaskCompletionSource();
        int inHandshake = 0;
        var pipeline = Pipeline(gate, handshake: async _ => { Interlocked.Increment(ref inHandshake); await release.Task; }, stream: _ => Task.CompletedTask);

        var all = Enumerable.Range(0, 5).Select(i => pipeline(new DefaultConnectionContext($"c{i}"))).ToList();
        await Eventually.HoldsAsync(() => Volatile.Read(ref inHandshake) == 5, "all five handshakes to run at once");
        release.SetResult();
        await Task.WhenAll(all);
    }

    /// <summary>before-gate → "TLS handshake" → after-gate → "HTTP/2 stream", as Kestrel chains them.</summary>
    private static ConnectionDelegate Pipeline(AgentHandshakeGate gate, Func<ConnectionContext, Task> handshake, Func<ConnectionContext, Task> stream)
    {
        ConnectionDelegate afterHandshake = gate.AfterHandshake(c => stream(c));
        return gate.BeforeHandshake(async c =>
        {
            await handshake(c);
            await afterHandshake(c);
        });
    }
}
