using CloudGov.ControlPlane.Grains.Zones;
using CloudGov.ControlPlane.Metrics;
using CloudGov.Proto.Agent.V1;
using System.Threading.Channels;
using Google.Protobuf.WellKnownTypes;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>
/// The agents' stream endpoint: a thin adapter that validates each message, hands it to the zone's grain
/// (one grain call per report) and answers with Welcome and acknowledgements. Acknowledgements come from two sources,
/// merged by one <see cref="StreamAcknowledger"/>: the answer to each report, and the zone grain's push
/// (<see cref="IZoneSessionObserver"/>, subscribed for the stream's life) when a write-behind flush made reports
/// durable, so the agent hears it without waiting for its next report.
/// </summary>
internal sealed class AgentGatewayService(
    IGrainFactory grains,
    AgentAdmission admission,
    ControlPlaneMetrics metrics,
    IOptions<ZoneOptions> zoneOptions,
    TimeProvider time,
    ILogger<AgentGatewayService> logger) : AgentService.AgentServiceBase
{
    /// <summary>Reports of one stream that may be with the zone grain at once.</summary>
    private const int MaxReportsInFlight = 32;

    public override async Task Connect(IAsyncStreamReader<AgentMessage> requestStream, IServerStreamWriter<ControlMessage> responseStream, ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        if (!await requestStream.MoveNext(cancellationToken))
        {
            return;
        }

        var first = requestStream.Current;
        if (first.BodyCase != AgentMessage.BodyOneofCase.Hello)
        {
            throw Reject(StatusCode.FailedPrecondition, $"the first message on an agent stream must be Hello; got {Describe(first.BodyCase)}. Send Hello with the zone id and descriptor, then reports.");
        }

        string zoneId;
        Abstractions.Zones.ZoneDescriptor descriptor;
        try
        {
            (zoneId, descriptor) = AgentMessageValidator.ValidateHello(first.Hello);
        }
        catch (RpcException ex)
        {
            metrics.RecordRejection(ex.StatusCode);
            throw;
        }

        AgentIdentity.AgentZoneGate.Demand(context, zoneId);
        var zone = grains.GetGrain<IZoneGrain>(zoneId);
        var session = Guid.NewGuid();
        ulong acknowledged = await admission.RunAsync(() => zone.RegisterAsync(descriptor, session), cancellationToken).UnavailableOnFailure($"register zone {zoneId}");
        metrics.StreamOpened();
        AgentGatewayLog.Connected(logger, zoneId, context.Peer, acknowledged);
        var pushes = new ZoneSessionObserver();
        var pushReference = grains.CreateObjectReference<IZoneSessionObserver>(pushes);
        try
        {
            await responseStream.WriteAsync(new ControlMessage
            {
                Welcome = new Welcome
                {
                    ReportInterval = Duration.FromTimeSpan(zoneOptions.Value.ReportInterval),
                    ServerTime = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
                    LastAcceptedSequence = acknowledged,
                },
            }, cancellationToken);

            // Reports are pipelined: the next message is read and validated while earlier reports are with the
            // zone grain. A second loop consumes the outcomes in order, counts them and sends an acknowledgement as
            // soon as the durable sequence moves, so an agent waiting for an ack never waits for its next report.
            string storeReport = $"store a report of zone {zoneId}";
            using var streamScope = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var admitReport = admission.ForStream<ReportOutcome>();
            var outcomes = Channel.CreateBounded<Task<ReportOutcome>>(new BoundedChannelOptions(MaxReportsInFlight) { SingleReader = true, SingleWriter = true });
            var writer = new SerializedWriter(responseStream);
            var acks = new StreamAcknowledger(writer.WriteAsync, acknowledged);
            var acker = AcknowledgeAsync(outcomes.Reader, acks, storeReport, streamScope);
            var deliverer = DeliverCommandsAsync(zone, writer, zoneId, streamScope);
            var pump = pushes.PumpAsync(acks, streamScope.Token);
            try
            {
                // From here on the zone grain pushes durable sequences to this stream; what became durable between
                // Register and now is acknowledged at once.
                ulong durable = await zone.SubscribeAsync(session, pushReference).UnavailableOnFailure($"subscribe to zone {zoneId}");
                await acks.AcknowledgeAsync(durable, streamScope.Token);

                while (await requestStream.MoveNext(streamScope.Token))
                {
                    var message = requestStream.Current;
                    switch (message.BodyCase)
                    {
                        case AgentMessage.BodyOneofCase.Report:
                            var report = Validate(message.Report);
                            await outcomes.Writer.WriteAsync(admitReport(() => zone.ReportAsync(report), streamScope.Token), streamScope.Token);
                            break;
                        case AgentMessage.BodyOneofCase.CommandResult:
                            var result = ValidateCommandResult(message.CommandResult);
                            AgentGatewayLog.CommandResult(logger, zoneId, result.CommandId, result.Succeeded);
                            await zone.CompleteCommandAsync(result.CommandId, result.Succeeded, result.Message)
                                .UnavailableOnFailure($"record the outcome of command {result.CommandId}");
                            break;
                        case AgentMessage.BodyOneofCase.Hello:
                            throw Reject(StatusCode.FailedPrecondition, "Hello was already sent on this stream; open a new stream to register again");
                        default:
                            throw Reject(StatusCode.InvalidArgument, "the agent message has no body; set hello, report or command_result");
                    }
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The acknowledging or the delivering loop failed (a grain call or a write): its error is reported below.
            }
            finally
            {
                outcomes.Writer.TryComplete();
            }

            if (deliverer.IsFaulted)
            {
                await deliverer; // its failure (e.g. Unavailable) is why the stream ends
            }

            await acker;
            await streamScope.CancelAsync();
            await pump;
            try
            {
                await deliverer;
            }
            catch (OperationCanceledException)
            {
                // Stopped with the stream.
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The agent went away.
        }
        finally
        {
            pushes.Complete();
            metrics.StreamClosed();
            AgentGatewayLog.Disconnected(logger, zoneId);
            try
            {
                // First the zone stops pushing to this stream (and lets a push on its way land), then the observer goes.
                await zone.AgentDisconnectedAsync(session);
            }
            catch (Exception ex)
            {
                AgentGatewayLog.DisconnectNotRecorded(logger, zoneId, ex);
            }
            finally
            {
                grains.DeleteObjectReference<IZoneSessionObserver>(pushReference);
            }
        }
    }

    /// <summary>
    /// Delivers the zone's unanswered commands to this stream, each once per stream: a command sent on an earlier
    /// stream that the agent never answered is sent again here, and the agent de-duplicates it by id.
    /// </summary>
    private async Task DeliverCommandsAsync(IZoneGrain zone, SerializedWriter writer, string zoneId, CancellationTokenSource streamScope)
    {
        var cancellationToken = streamScope.Token;
        var sent = new HashSet<string>(StringComparer.Ordinal);
        string what = $"read the pending commands of zone {zoneId}";
        try
        {
            using var timer = new PeriodicTimer(zoneOptions.Value.CommandPollInterval, time);
            do
            {
                var pending = await zone.GetPendingCommandsAsync().UnavailableOnFailure(what);
                foreach (var command in pending)
                {
                    if (sent.Add(command.CommandId))
                    {
                        await writer.WriteAsync(new ControlMessage { Command = command.ToProto() }, cancellationToken);
                    }
                }

                sent.IntersectWith(pending.Select(c => c.CommandId));
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Without delivery the stream is half alive: end it, so the agent reconnects and commands flow again.
            await streamScope.CancelAsync();
            throw;
        }
    }

    private async Task AcknowledgeAsync(ChannelReader<Task<ReportOutcome>> outcomes, StreamAcknowledger acks, string what, CancellationTokenSource streamScope)
    {
        try
        {
            await foreach (var pending in outcomes.ReadAllAsync(CancellationToken.None))
            {
                var outcome = pending.IsCompletedSuccessfully ? pending.Result : await pending.UnavailableOnFailure(what);
                metrics.RecordReport(outcome.Result);
                await acks.AcknowledgeAsync(outcome.DurableSequence, streamScope.Token);
            }
        }
        catch
        {
            // Stop reading the agent's stream; the caller rethrows this failure and the agent reconnects and re-sends.
            await streamScope.CancelAsync();
            throw;
        }
    }

    private Abstractions.Zones.ZoneReportData Validate(ZoneReport report)
    {
        try
        {
            return AgentMessageValidator.ValidateReport(report, time.GetUtcNow());
        }
        catch (RpcException ex)
        {
            metrics.RecordRejection(ex.StatusCode);
            throw;
        }
    }

    private (string CommandId, bool Succeeded, string Message) ValidateCommandResult(CommandResult result)
    {
        try
        {
            return AgentMessageValidator.ValidateCommandResult(result);
        }
        catch (RpcException ex)
        {
            metrics.RecordRejection(ex.StatusCode);
            throw;
        }
    }

    private RpcException Reject(StatusCode code, string message)
    {
        metrics.RecordRejection(code);
        return new RpcException(new Status(code, message));
    }

    private static string Describe(AgentMessage.BodyOneofCase body) => body switch
    {
        AgentMessage.BodyOneofCase.Report => "a report",
        AgentMessage.BodyOneofCase.CommandResult => "a command result",
        _ => "an empty message",
    };

    /// <summary>One writer at a time on the response stream (acknowledgements and commands share it).</summary>
    private sealed class SerializedWriter(IServerStreamWriter<ControlMessage> stream)
    {
        private readonly SemaphoreSlim _gate = new(1, 1);

        public async Task WriteAsync(ControlMessage message, CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                await stream.WriteAsync(message, cancellationToken);
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
