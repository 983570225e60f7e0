using CloudGov.Proto.Agent.V1;
using Grpc.Core;

namespace CloudGov.Testing;

/// <summary>
/// One hand-driven agent stream (not an agent process): sends Hello and reports, and reads the control plane's
/// messages in the background, remembering the Welcome and the highest acknowledged sequence.
/// </summary>
public sealed class RawAgentStream : IAsyncDisposable
{
    private readonly AsyncDuplexStreamingCall<AgentMessage, ControlMessage> _call;
    private readonly TaskCompletionSource<Welcome> _welcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _gate = new();
    private readonly List<(ulong Sequence, TaskCompletionSource Reached)> _ackWaits = [];
    private readonly List<string> _commands = [];
    private readonly List<(string CommandId, TaskCompletionSource<string> Arrived)> _commandWaits = [];
    private readonly Task _reader;
    private ulong _acked;

    private RawAgentStream(string zoneId, AsyncDuplexStreamingCall<AgentMessage, ControlMessage> call)
    {
        ZoneId = zoneId;
        _call = call;
        _reader = ReadAsync();
    }

    /// <summary>The zone this stream speaks for.</summary>
    public string ZoneId { get; }

    /// <summary>The highest <c>ReportAck.durable_sequence</c> received so far (or the Welcome's last accepted sequence).</summary>
    public ulong Acknowledged
    {
        get
        {
            lock (_gate)
            {
                return _acked;
            }
        }
    }

    /// <summary>How many acknowledgements arrived on this stream.</summary>
    public int AckCount { get; private set; }

    /// <summary>The stream's end: faulted with the status if the control plane ended it with an error.</summary>
    public Task Completion => _reader;

    /// <summary>Opens a stream on <paramref name="client"/>, sends Hello for <paramref name="zoneId"/> and waits for Welcome.</summary>
    public static async Task<RawAgentStream> ConnectAsync(AgentService.AgentServiceClient client, string zoneId, CancellationToken cancellationToken = default)
    {
        var stream = new RawAgentStream(zoneId, client.Connect(cancellationToken: cancellationToken));
        await stream._call.RequestStream.WriteAsync(new AgentMessage { Hello = AgentMessages.Hello(zoneId) }, cancellationToken);
        await stream._welcome.Task.WaitAsync(cancellationToken);
        return stream;
    }

    /// <summary>Sends a report with <paramref name="sequence"/> (see <see cref="AgentMessages.Report"/>).</summary>
    public Task ReportAsync(ulong sequence, long cpuUsage = 1_000, params string[] workloads) =>
        _call.RequestStream.WriteAsync(new AgentMessage { Report = AgentMessages.Report(sequence, cpuUsage, workloads: workloads) });

    /// <summary>Completes when an acknowledgement of at least <paramref name="sequence"/> has arrived (armed before or after it did).</summary>
    public Task WaitForAckAsync(ulong sequence)
    {
        lock (_gate)
        {
            if (_acked >= sequence)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _ackWaits.Add((sequence, reached));
            return reached.Task;
        }
    }

    /// <summary>The ids of the commands received on this stream, in arrival order.</summary>
    public IReadOnlyList<string> Commands
    {
        get
        {
            lock (_gate)
            {
                return [.. _commands];
            }
        }
    }

    /// <summary>Completes with the id once command <paramref name="commandId"/> has arrived (armed before or after it did).</summary>
    public Task<string> WaitForCommandAsync(string commandId)
    {
        lock (_gate)
        {
            if (_commands.Contains(commandId))
            {
                return Task.FromResult(commandId);
            }

            var arrived = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _commandWaits.Add((commandId, arrived));
            return arrived.Task;
        }
    }

    /// <summary>Sends any message (e.g. one the control plane must refuse).</summary>
    public Task SendAsync(AgentMessage message) => _call.RequestStream.WriteAsync(message);

    /// <summary>Answers command <paramref name="commandId"/>.</summary>
    public Task AnswerAsync(string commandId, bool succeeded = true) =>
        _call.RequestStream.WriteAsync(new AgentMessage { CommandResult = new CommandResult { CommandId = commandId, Succeeded = succeeded } });

    /// <summary>Ends the agent's side of the stream and waits for the control plane to end its side.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _call.RequestStream.CompleteAsync();
            await _reader.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException or TimeoutException)
        {
            // Already ended by the control plane (or the channel went away).
        }
        finally
        {
            _call.Dispose();
        }
    }

    private async Task ReadAsync()
    {
        try
        {
            await foreach (var message in _call.ResponseStream.ReadAllAsync())
            {
                switch (message.BodyCase)
                {
                    case ControlMessage.BodyOneofCase.Welcome:
                        Advance(message.Welcome.LastAcceptedSequence, countAck: false);
                        _welcome.TrySetResult(message.Welcome);
                        break;
                    case ControlMessage.BodyOneofCase.Ack:
                        Advance(message.Ack.DurableSequence, countAck: true);
                        break;
                    case ControlMessage.BodyOneofCase.Command:
                        Arrived(message.Command.CommandId);
                        break;
                }
            }
        }
        catch (Exception ex)
        {
            _welcome.TrySetException(ex);
            throw;
        }
        finally
        {
            _welcome.TrySetException(new InvalidOperationException($"the stream of zone {ZoneId} ended before Welcome"));
        }
    }

    private void Arrived(string commandId)
    {
        lock (_gate)
        {
            _commands.Add(commandId);
            for (int i = _commandWaits.Count - 1; i >= 0; i--)
            {
                if (_commandWaits[i].CommandId == commandId)
                {
                    _commandWaits[i].Arrived.TrySetResult(commandId);
                    _commandWaits.RemoveAt(i);
                }
            }
        }
    }

    private void Advance(ulong sequence, bool countAck)
    {
        lock (_gate)
        {
            if (countAck)
            {
                AckCount++;
            }

            if (sequence > _acked)
            {
                _acked = sequence;
            }

            for (int i = _ackWaits.Count - 1; i >= 0; i--)
            {
                if (_ackWaits[i].Sequence <= _acked)
                {
                    _ackWaits[i].Reached.TrySetResult();
                    _ackWaits.RemoveAt(i);
                }
            }
        }
    }
}
