using System.Collections.Concurrent;
using CloudGov.Proto.Agent.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace CloudGov.Upgrade.Fixtures;

/// <summary>
/// A raw agent stream (no agent code): Hello, then reports by hand. It reads acknowledgements and commands and never
/// answers a command, so whatever the control plane sends it stays pending.
/// </summary>
internal sealed class FakeAgent : IAsyncDisposable
{
    private readonly AsyncDuplexStreamingCall<AgentMessage, ControlMessage> _call;
    private readonly ConcurrentDictionary<string, Command> _commands = new(StringComparer.Ordinal);
    private readonly Task _reader;
    private long _durableSequence;

    private FakeAgent(string zoneId, AsyncDuplexStreamingCall<AgentMessage, ControlMessage> call, Welcome welcome)
    {
        ZoneId = zoneId;
        _call = call;
        Welcome = welcome;
        _durableSequence = (long)welcome.LastAcceptedSequence;
        _reader = ReadAsync();
    }

    public string ZoneId { get; }

    /// <summary>The control plane's answer to Hello.</summary>
    public Welcome Welcome { get; }

    /// <summary>The highest sequence the control plane acknowledged as durable.</summary>
    public ulong DurableSequence => (ulong)Interlocked.Read(ref _durableSequence);

    /// <summary>The commands received so far, by id (never answered).</summary>
    public IReadOnlyDictionary<string, Command> Commands => _commands;

    /// <summary>Opens the stream, sends Hello and waits for Welcome.</summary>
    public static async Task<FakeAgent> ConnectAsync(GrpcChannel channel, Hello hello, CancellationToken cancellationToken = default)
    {
        var call = new AgentService.AgentServiceClient(channel).Connect(cancellationToken: cancellationToken);
        try
        {
            await call.RequestStream.WriteAsync(new AgentMessage { Hello = hello }, cancellationToken);
            if (!await call.ResponseStream.MoveNext(cancellationToken) || call.ResponseStream.Current.BodyCase != ControlMessage.BodyOneofCase.Welcome)
            {
                throw new InvalidOperationException($"zone {hello.ZoneId}: the control plane did not answer Hello with Welcome");
            }

            return new FakeAgent(hello.ZoneId, call, call.ResponseStream.Current.Welcome);
        }
        catch
        {
            call.Dispose();
            throw;
        }
    }

    /// <summary>Sends one report.</summary>
    public Task ReportAsync(ZoneReport report) => _call.RequestStream.WriteAsync(new AgentMessage { Report = report });

    /// <summary>Ends the stream the way an agent that shuts down does, and waits until the control plane has ended it too.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _call.RequestStream.CompleteAsync();
            await _reader.WaitAsync(TimeSpan.FromSeconds(30));
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
            while (await _call.ResponseStream.MoveNext(CancellationToken.None))
            {
                var message = _call.ResponseStream.Current;
                switch (message.BodyCase)
                {
                    case ControlMessage.BodyOneofCase.Ack:
                        Interlocked.Exchange(ref _durableSequence, Math.Max(Interlocked.Read(ref _durableSequence), (long)message.Ack.DurableSequence));
                        break;
                    case ControlMessage.BodyOneofCase.Command:
                        _commands.TryAdd(message.Command.CommandId, message.Command);
                        break;
                }
            }
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled)
        {
            // Disposed.
        }
    }
}
