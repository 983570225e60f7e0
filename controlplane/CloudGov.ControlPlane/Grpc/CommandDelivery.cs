using CloudGov.Proto.Agent.V1;
using System.Threading.Channels;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>
/// Delivers a zone's unanswered commands to one agent stream, each once per stream: a command sent on an earlier stream
/// that the agent never answered is sent again here, and the agent de-duplicates it by id. It reads the zone's pending
/// commands when woken (<see cref="Wake"/>: the zone grain's push that a command was stored, and once after the session
/// subscribed) and otherwise every <c>Zones:CommandPollInterval</c>, the safety net for a lost push.
/// </summary>
/// <remarks>
/// Ordering guarantee, delivery half: one loop reads the pending commands in queue order (oldest first, as the zone stores
/// them) and writes the ones not yet sent in that order, one after the other, on the stream's one ordered writer; so the
/// agent receives a zone's commands in queue order on every stream, including the re-sent ones after a reconnect. The
/// agent's <c>AgentSession</c> carries them out one at a time in arrival order, which completes "a zone's agent carries
/// out its commands in queue order".
/// </remarks>
internal sealed class CommandDelivery(IZoneGrain zone, string zoneId, Func<ControlMessage, CancellationToken, Task> write, TimeSpan pollInterval, TimeProvider time)
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly HashSet<string> _sent = new(StringComparer.Ordinal);

    /// <summary>Reads the pending commands as soon as the loop is free (several wakes before then make one read).</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    /// <summary>Delivers until <paramref name="cancellationToken"/> (the stream's end); a failed grain call or write ends it with that failure.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        string what = $"read the pending commands of zone {zoneId}";
        using var timer = new PeriodicTimer(pollInterval, time);
        var tick = timer.WaitForNextTickAsync(cancellationToken).AsTask();
        var woken = _wake.Reader.WaitToReadAsync(cancellationToken).AsTask();
        while (true)
        {
            var pending = await zone.GetPendingCommandsAsync().UnavailableOnFailure(what);
            foreach (var command in pending)
            {
                if (_sent.Add(command.CommandId))
                {
                    await write(new ControlMessage { Command = command.ToProto() }, cancellationToken);
                }
            }

            _sent.IntersectWith(pending.Select(c => c.CommandId));

            // Both waits stay armed across reads, so neither is ever lost or left behind.
            if (await Task.WhenAny(tick, woken) == tick)
            {
                if (!await tick)
                {
                    return;
                }

                tick = timer.WaitForNextTickAsync(cancellationToken).AsTask();
            }
            else
            {
                await woken;
                _wake.Reader.TryRead(out _);
                woken = _wake.Reader.WaitToReadAsync(cancellationToken).AsTask();
            }
        }
    }
}
