using CloudGov.Agent.Providers;
using Grpc.Core;

namespace CloudGov.Agent.Connection;

/// <summary>
/// One connection's life: Hello and Welcome, then sending (the unacknowledged backlog, oldest first, then each new report)
/// and reading (acknowledgements, commands) until either side ends the stream or the agent stops. Commands are carried
/// out here, one at a time; after each the session asks for a report at once (<see cref="AgentOptions.ReportAfterCommand"/>),
/// so the control plane sees the command's effect without waiting for the next interval. Host rotation and backoff are
/// the <see cref="AgentWorker"/>'s; what outlives a connection (sequence, backlog, command outcomes) is <see cref="AgentState"/>.
/// </summary>
/// <remarks>
/// Ordering guarantee, agent half: commands are carried out strictly one after the other, in the order they arrive on
/// the stream, the next read only after the previous command finished and its result was written. The control plane
/// sends a zone's commands in queue order on every stream (its <c>CommandDelivery</c>), and a command re-sent after a
/// reconnect that was already carried out is answered from <see cref="AgentState.Commands"/> without running again. So
/// a zone's agent carries out its commands in queue order — what the plan executor relies on when it queues a rollback's
/// remove after the place it undoes.
/// </remarks>
internal sealed class AgentSession(
    AgentOptions options,
    IZoneProvider provider,
    AgentState state,
    TimeProvider time,
    ILogger logger,
    SemaphoreSlim reportReady,
    Action requestReport,
    Action<TimeSpan> reportIntervalAsked)
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    /// <summary>
    /// Runs one session on <paramref name="client"/> (at <paramref name="address"/>); <paramref name="onWelcome"/> runs once
    /// the control plane welcomed it. Returns only when the agent stops; a stream the control plane ended or that failed throws.
    /// </summary>
    public async Task RunAsync(AgentService.AgentServiceClient client, Uri address, Action onWelcome, CancellationToken stoppingToken)
    {
        using var session = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var call = client.Connect(cancellationToken: session.Token);
        await call.RequestStream.WriteAsync(new AgentMessage { Hello = BuildHello() }, session.Token);
        if (!await call.ResponseStream.MoveNext(session.Token) || call.ResponseStream.Current.BodyCase != ControlMessage.BodyOneofCase.Welcome)
        {
            throw new InvalidOperationException("the control plane did not answer Hello with Welcome");
        }

        var welcome = call.ResponseStream.Current.Welcome;
        var interval = welcome.ReportInterval?.ToTimeSpan() is { } asked && asked > TimeSpan.Zero ? asked : options.ReportInterval;
        state.Welcomed(welcome.LastAcceptedSequence);
        onWelcome();
        AgentLog.Connected(logger, options.ZoneId, address, welcome.LastAcceptedSequence, state.Backlog.Count);
        reportIntervalAsked(interval);

        // Send what the control plane has not stored, oldest first, then each new report as it is observed.
        var reader = ReadAsync(call, session.Token);
        var reporter = SendAsync(call, welcome.LastAcceptedSequence, session.Token);
        var finished = await Task.WhenAny(reader, reporter);
        await HostStopping.LetStatusArriveAsync(reader, finished, time);
        await session.CancelAsync();
        try
        {
            await Task.WhenAll(reader, reporter);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested && finished.IsCompletedSuccessfully)
        {
        }
        catch (Exception) when (HostStopping.EndOf(call) is { } stopped)
        {
            throw stopped; // whichever loop noticed first, the stream ended because the host is stopping
        }

        await finished;
        if (!stoppingToken.IsCancellationRequested)
        {
            throw new IOException("the control plane closed the stream");
        }
    }

    private async Task SendAsync(AsyncDuplexStreamingCall<AgentMessage, ControlMessage> call, ulong sentUpTo, CancellationToken cancellationToken)
    {
        while (true)
        {
            foreach (var report in state.Backlog.Snapshot())
            {
                if (report.Sequence <= sentUpTo)
                {
                    continue;
                }

                await WriteAsync(call, new AgentMessage { Report = report }, cancellationToken);
                sentUpTo = report.Sequence;
                state.Reported(report.Sequence);
            }

            await reportReady.WaitAsync(cancellationToken);
        }
    }

    private async Task ReadAsync(AsyncDuplexStreamingCall<AgentMessage, ControlMessage> call, CancellationToken cancellationToken)
    {
        while (await call.ResponseStream.MoveNext(cancellationToken))
        {
            var message = call.ResponseStream.Current;
            switch (message.BodyCase)
            {
                case ControlMessage.BodyOneofCase.Ack:
                    state.Acknowledge(message.Ack.DurableSequence);
                    break;
                case ControlMessage.BodyOneofCase.Command:
                    // One at a time, in arrival order: the next message is read only once this command is done and answered.
                    var (result, carriedOut) = await ExecuteOnceAsync(message.Command, cancellationToken);
                    await WriteAsync(call, new AgentMessage { CommandResult = result }, cancellationToken);
                    if (carriedOut && options.ReportAfterCommand)
                    {
                        requestReport();
                    }

                    break;
            }
        }
    }

    private async Task WriteAsync(AsyncDuplexStreamingCall<AgentMessage, ControlMessage> call, AgentMessage message, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await call.RequestStream.WriteAsync(message, cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>The command's result; <c>CarriedOut</c> is false when it was answered from an earlier outcome (nothing changed in the zone).</summary>
    private async Task<(CommandResult Result, bool CarriedOut)> ExecuteOnceAsync(Command command, CancellationToken cancellationToken)
    {
        if (state.Commands.TryGet(command.CommandId, out var earlier))
        {
            AgentLog.DuplicateCommand(logger, options.ZoneId, command.CommandId);
            return (earlier, false);
        }

        CommandResult result;
        if (command.Deadline is not null && command.Deadline.ToDateTimeOffset() < time.GetUtcNow())
        {
            result = new CommandResult { CommandId = command.CommandId, Succeeded = false, Message = "the command's deadline passed before it arrived" };
        }
        else
        {
            result = await provider.ExecuteAsync(command, cancellationToken);
        }

        result = CommandResultText.Bounded(result);
        state.Commands.Record(result);
        return (result, true);
    }

    private Hello BuildHello()
    {
        var zone = options.Zone;
        var descriptor = new ZoneDescriptor
        {
            DisplayName = zone.DisplayName,
            AdministrativeLevel = System.Enum.TryParse<AdministrativeLevel>(zone.AdministrativeLevel, true, out var level) ? level : AdministrativeLevel.Unspecified,
            RegionCode = zone.RegionCode,
            Vendor = zone.Vendor,
            MlpsLevel = (MlpsLevel)zone.MlpsLevel,
            NetworkPlane = NetworkPlanes.Parse(zone.NetworkPlane),
            CpuOvercommit = zone.CpuOvercommit,
            MemoryOvercommit = zone.MemoryOvercommit,
        };
        descriptor.Labels.Add(zone.Labels);
        var hello = new Hello
        {
            ZoneId = options.ZoneId,
            AgentVersion = typeof(AgentWorker).Assembly.GetName().Version?.ToString() ?? "0.0.0",
            Provider = provider.Kind,
            Zone = descriptor,
        };
        hello.Capabilities.Add(["place", "remove"]);
        return hello;
    }
}
