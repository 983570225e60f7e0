using CloudGov.ControlPlane.Grains.Zones;
using CloudGov.ControlPlane.Metrics;
using CloudGov.Proto.Agent.V1;
using System.Threading.Channels;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>
/// One agent stream's life after its Hello was accepted and the zone registered it: the reader (reports pipelined to the
/// zone grain, command results recorded), the acknowledger (answers to reports and the zone's durable pushes, merged by
/// one <see cref="StreamAcknowledger"/>), and the <see cref="CommandDelivery"/> (woken by the zone's command push, with
/// the poll behind it). All three share one scope: whichever ends first — the agent, a failed grain call or write, a
/// rejected message — ends the others, and the session returns only once every loop has stopped, so nothing of a
/// stream keeps calling the zone grain after the stream is gone.
/// </summary>
internal sealed class AgentStreamSession(
    string zoneId,
    Guid session,
    IZoneGrain zone,
    IGrainFactory grains,
    AgentAdmission admission,
    ControlPlaneMetrics metrics,
    ZoneOptions options,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>Reports of one stream that may be with the zone grain at once.</summary>
    private const int MaxReportsInFlight = 32;

    /// <summary>
    /// Runs the stream after Welcome's content is known: sends Welcome (the last durable sequence
    /// <paramref name="acknowledged"/>), then serves the stream until the agent ends it or a failure does; rethrows that
    /// failure (an <see cref="RpcException"/> with the status the agent sees). Records the disconnect in every case.
    /// </summary>
    public async Task RunAsync(IAsyncStreamReader<AgentMessage> requests, IServerStreamWriter<ControlMessage> responses, Welcome welcome, CancellationToken callToken)
    {
        var writer = new SerializedWriter(responses);
        using var scope = CancellationTokenSource.CreateLinkedTokenSource(callToken);
        var delivery = new CommandDelivery(zone, zoneId, writer.WriteAsync, options.CommandPollInterval, time);
        var pushes = new ZoneSessionObserver(delivery.Wake);
        var pushReference = grains.CreateObjectReference<IZoneSessionObserver>(pushes);
        try
        {
            await writer.WriteAsync(new ControlMessage { Welcome = welcome }, callToken);
            await ServeAsync(requests, writer, delivery, pushes, pushReference, welcome.LastAcceptedSequence, scope, callToken);
        }
        catch (OperationCanceledException) when (callToken.IsCancellationRequested)
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

    private async Task ServeAsync(
        IAsyncStreamReader<AgentMessage> requests,
        SerializedWriter writer,
        CommandDelivery delivery,
        ZoneSessionObserver pushes,
        IZoneSessionObserver pushReference,
        ulong acknowledged,
        CancellationTokenSource scope,
        CancellationToken callToken)
    {
        // Reports are pipelined: the next message is read and validated while earlier reports are with the zone grain.
        // The acknowledger consumes the outcomes in order, counts them and sends an acknowledgement as soon as the durable
        // sequence moves, so an agent waiting for an ack never waits for its next report.
        string storeReport = $"store a report of zone {zoneId}";
        var admitReport = admission.ForStream<ReportOutcome>();
        var outcomes = Channel.CreateBounded<Task<ReportOutcome>>(new BoundedChannelOptions(MaxReportsInFlight) { SingleReader = true, SingleWriter = true });
        var acks = new StreamAcknowledger(writer.WriteAsync, acknowledged);
        var acker = AcknowledgeAsync(outcomes.Reader, acks, storeReport, scope);
        var deliverer = DeliverAsync(delivery, scope);
        var pump = pushes.PumpAsync(acks, scope.Token);
        try
        {
            try
            {
                // From here on the zone grain pushes durable sequences and stored commands to this stream; what became
                // durable between Register and now is acknowledged, and what was stored meanwhile delivered, at once.
                ulong durable = await zone.SubscribeAsync(session, pushReference).UnavailableOnFailure($"subscribe to zone {zoneId}");
                delivery.Wake();
                await acks.AcknowledgeAsync(durable, scope.Token);
                await ReadAsync(requests, outcomes.Writer, admitReport, scope.Token);
            }
            catch (OperationCanceledException) when (!callToken.IsCancellationRequested)
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
        }
        finally
        {
            // Whatever ended the stream — the agent, a failed loop, or a rejected message the reader threw — every loop of
            // it stops here and is awaited; their failures were reported above or lose to the one on its way out.
            await scope.CancelAsync();
            await Quietly(acker);
            await Quietly(pump);
            await Quietly(deliverer);
        }
    }

    private async Task ReadAsync(IAsyncStreamReader<AgentMessage> requests, ChannelWriter<Task<ReportOutcome>> outcomes, Func<Func<Task<ReportOutcome>>, CancellationToken, Task<ReportOutcome>> admitReport, CancellationToken cancellationToken)
    {
        while (await requests.MoveNext(cancellationToken))
        {
            var message = requests.Current;
            switch (message.BodyCase)
            {
                case AgentMessage.BodyOneofCase.Report:
                    var report = Validate(message.Report);
                    await outcomes.WriteAsync(admitReport(() => zone.ReportAsync(report), cancellationToken), cancellationToken);
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

    private static async Task DeliverAsync(CommandDelivery delivery, CancellationTokenSource scope)
    {
        try
        {
            await delivery.RunAsync(scope.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Without delivery the stream is half alive: end it, so the agent reconnects and commands flow again.
            await scope.CancelAsync();
            throw;
        }
    }

    private async Task AcknowledgeAsync(ChannelReader<Task<ReportOutcome>> outcomes, StreamAcknowledger acks, string what, CancellationTokenSource scope)
    {
        try
        {
            await foreach (var pending in outcomes.ReadAllAsync(CancellationToken.None))
            {
                var outcome = pending.IsCompletedSuccessfully ? pending.Result : await pending.UnavailableOnFailure(what);
                metrics.RecordReport(outcome.Result);
                await acks.AcknowledgeAsync(outcome.DurableSequence, scope.Token);
            }
        }
        catch
        {
            // Stop reading the agent's stream; the caller rethrows this failure and the agent reconnects and re-sends.
            await scope.CancelAsync();
            throw;
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception ex) when (ex is OperationCanceledException or RpcException or IOException or InvalidOperationException)
        {
            // Observed: reported by the caller already, or a consequence of the stream's end.
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

    /// <summary>One writer at a time on the response stream (Welcome, acknowledgements and commands share it), in call order.</summary>
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
