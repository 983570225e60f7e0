using System.Threading.Channels;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>
/// The gateway's end of a zone's pushes (<see cref="IZoneSessionObserver"/>) for one agent stream. A push only records
/// the news and returns, so the zone grain never waits for the agent's connection; a pump on the stream's side sends it.
/// Durable sequences only grow, so a newer one replaces one not yet sent. "A command was stored" wakes the stream's
/// <see cref="CommandDelivery"/> (<paramref name="commandAvailable"/>), which reads the pending commands at once.
/// </summary>
internal sealed class ZoneSessionObserver(Action commandAvailable) : IZoneSessionObserver
{
    private readonly Channel<ulong> _durable = Channel.CreateBounded<ulong>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    /// <inheritdoc />
    public Task OnDurableAsync(ulong durableSequence)
    {
        _durable.Writer.TryWrite(durableSequence);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task OnCommandAvailableAsync()
    {
        commandAvailable();
        return Task.CompletedTask;
    }

    /// <summary>Stops the pump once what was pushed is sent (the stream ended); later pushes are dropped.</summary>
    public void Complete() => _durable.Writer.TryComplete();

    /// <summary>Acknowledges every pushed sequence on <paramref name="acks"/> until the stream ends.</summary>
    public async Task PumpAsync(StreamAcknowledger acks, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var durable in _durable.Reader.ReadAllAsync(cancellationToken))
            {
                await acks.AcknowledgeAsync(durable, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The stream ended.
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or RpcException)
        {
            // The response stream broke; the stream's own loops end it and the agent reconnects.
        }
    }
}
