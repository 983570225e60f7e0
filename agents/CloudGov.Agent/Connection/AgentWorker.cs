using CloudGov.Agent.Providers;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;

namespace CloudGov.Agent.Connection;

/// <summary>
/// The agent's connection loop: connect, say Hello, report on the interval the control plane asks for, carry out
/// commands, and on any failure reconnect with jittered exponential backoff. The report sequence is per zone and
/// resumes after the last one the control plane accepted; unacknowledged reports are re-sent in order. With several
/// control-plane addresses, each failed session moves on to the next host.
/// </summary>
public sealed class AgentWorker(
    IOptions<AgentOptions> options,
    IZoneProvider provider,
    AgentState state,
    TimeProvider time,
    ILogger<AgentWorker> logger) : BackgroundService
{
    private readonly AgentOptions _options = options.Value;
    private readonly SemaphoreSlim _reportReady = new(0);
    private PeriodicTimer? _timer;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // One channel per control-plane host; a failed session moves on to the next host (a cluster's hosts are equivalent).
        var addresses = _options.EffectiveControlPlaneAddresses();
        var channels = new GrpcChannel?[addresses.Count];
        var observer = ObserveAsync(stoppingToken);
        try
        {
            var delay = _options.InitialReconnectDelay;
            var random = new Random();
            int current = 0;
            while (!stoppingToken.IsCancellationRequested)
            {
                var address = addresses[current];
                try
                {
                    var channel = channels[current] ??= AgentTls.CreateChannel(address, _options, logger);
                    await RunSessionAsync(new AgentService.AgentServiceClient(channel), address, () => delay = _options.InitialReconnectDelay, stoppingToken);
                }
                catch (Exception ex) when (stoppingToken.IsCancellationRequested && ex is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
                {
                    break;
                }
                catch (RpcException ex) when (ex.StatusCode is StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.PermissionDenied)
                {
                    AgentLog.Rejected(logger, _options.ZoneId, ex.StatusCode, ex.Status.Detail);
                }
                catch (Exception ex)
                {
                    AgentLog.SessionFailed(logger, _options.ZoneId, addresses.Count > 1 ? $"{address}: {ex.Message}" : ex.Message);
                }

                state.SetConnected(false);
                current = (current + 1) % addresses.Count;
                var jittered = TimeSpan.FromMilliseconds(delay.TotalMilliseconds * (0.5 + random.NextDouble()));
                try
                {
                    await Task.Delay(jittered, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                delay = TimeSpan.FromMilliseconds(Math.Min(_options.MaxReconnectDelay.TotalMilliseconds, delay.TotalMilliseconds * 2));
            }
        }
        finally
        {
            foreach (var channel in channels)
            {
                channel?.Dispose();
            }

            try
            {
                await observer;
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private async Task RunSessionAsync(AgentService.AgentServiceClient client, Uri address, Action onWelcome, CancellationToken stoppingToken)
    {
        using var session = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var call = client.Connect(cancellationToken: session.Token);
        var writeLock = new SemaphoreSlim(1, 1);
        await call.RequestStream.WriteAsync(new AgentMessage { Hello = BuildHello() }, session.Token);
        if (!await call.ResponseStream.MoveNext(session.Token) || call.ResponseStream.Current.BodyCase != ControlMessage.BodyOneofCase.Welcome)
        {
            throw new InvalidOperationException("the control plane did not answer Hello with Welcome");
        }

        var welcome = call.ResponseStream.Current.Welcome;
        var interval = welcome.ReportInterval?.ToTimeSpan() is { } asked && asked > TimeSpan.Zero ? asked : _options.ReportInterval;
        state.Welcomed(welcome.LastAcceptedSequence);
        onWelcome();
        AgentLog.Connected(logger, _options.ZoneId, address, welcome.LastAcceptedSequence, state.Backlog.Count);

        if (_timer is { } timer && timer.Period != interval)
        {
            timer.Period = interval;
        }

        // Send what the control plane has not stored, oldest first, then each new report as it is observed.
        var reader = ReadAsync(call, writeLock, session.Token);
        var reporter = SendAsync(call, writeLock, welcome.LastAcceptedSequence, session.Token);
        var finished = await Task.WhenAny(reader, reporter);
        await session.CancelAsync();
        try
        {
            await Task.WhenAll(reader, reporter);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested && finished.IsCompletedSuccessfully)
        {
        }

        await finished;
        if (!stoppingToken.IsCancellationRequested)
        {
            throw new IOException("the control plane closed the stream");
        }
    }

    /// <summary>
    /// Observes the zone every report interval, connected or not: each observation becomes the next report in the
    /// backlog, which a session sends in order. While disconnected the backlog grows up to its capacity.
    /// </summary>
    private async Task ObserveAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.ReportInterval, time);
        _timer = timer;
        do
        {
            try
            {
                var observation = await provider.ObserveAsync(time.GetUtcNow(), stoppingToken);
                var report = new ZoneReport
                {
                    Sequence = state.NextSequence(),
                    ObservedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
                    Capacity = observation.Capacity,
                    Usage = observation.Usage,
                    Degraded = observation.Degraded,
                };
                report.Workloads.AddRange(observation.Workloads);
                report.Posture.AddRange(observation.Posture);
                state.Backlog.Add(report);
                _reportReady.Release();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                AgentLog.ObservationFailed(logger, _options.ZoneId, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task SendAsync(AsyncDuplexStreamingCall<AgentMessage, ControlMessage> call, SemaphoreSlim writeLock, ulong sentUpTo, CancellationToken cancellationToken)
    {
        while (true)
        {
            foreach (var report in state.Backlog.Snapshot())
            {
                if (report.Sequence <= sentUpTo)
                {
                    continue;
                }

                await writeLock.WaitAsync(cancellationToken);
                try
                {
                    await call.RequestStream.WriteAsync(new AgentMessage { Report = report }, cancellationToken);
                }
                finally
                {
                    writeLock.Release();
                }

                sentUpTo = report.Sequence;
                state.Reported(report.Sequence);
            }

            await _reportReady.WaitAsync(cancellationToken);
        }
    }

    private async Task ReadAsync(AsyncDuplexStreamingCall<AgentMessage, ControlMessage> call, SemaphoreSlim writeLock, CancellationToken cancellationToken)
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
                    var result = await ExecuteOnceAsync(message.Command, cancellationToken);
                    await writeLock.WaitAsync(cancellationToken);
                    try
                    {
                        await call.RequestStream.WriteAsync(new AgentMessage { CommandResult = result }, cancellationToken);
                    }
                    finally
                    {
                        writeLock.Release();
                    }

                    break;
            }
        }
    }

    private async Task<CommandResult> ExecuteOnceAsync(Command command, CancellationToken cancellationToken)
    {
        if (state.Commands.TryGet(command.CommandId, out var earlier))
        {
            AgentLog.DuplicateCommand(logger, _options.ZoneId, command.CommandId);
            return earlier;
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
        return result;
    }

    private Hello BuildHello()
    {
        var zone = _options.Zone;
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
            ZoneId = _options.ZoneId,
            AgentVersion = typeof(AgentWorker).Assembly.GetName().Version?.ToString() ?? "0.0.0",
            Provider = provider.Kind,
            Zone = descriptor,
        };
        hello.Capabilities.Add(["place", "remove"]);
        return hello;
    }
}
