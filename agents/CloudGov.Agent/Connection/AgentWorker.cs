using CloudGov.Agent.Providers;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using System.Threading.Channels;

namespace CloudGov.Agent.Connection;

/// <summary>
/// The agent's connection loop: observe the zone on the interval the control plane asks for (and after each command),
/// hand each connection to an <see cref="AgentSession"/> (Hello, sending, command execution), and on any failure
/// reconnect with jittered exponential backoff. The report sequence is per zone and resumes after the last one the
/// control plane accepted; unacknowledged reports are re-sent in order. With several control-plane addresses, each
/// failed session moves on to the next host.
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
    private readonly Channel<bool> _observeNow = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private PeriodicTimer? _timer;
    private ZoneObservation? _lastGood;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // One channel per control-plane host; a failed session moves on to the next host (a cluster's hosts are equivalent).
        var addresses = _options.EffectiveControlPlaneAddresses();
        var channels = new GrpcChannel?[addresses.Count];
        var observer = ObserveAsync(stoppingToken);
        try
        {
            var reconnect = new ReconnectPolicy(_options.InitialReconnectDelay, _options.MaxReconnectDelay, addresses.Count);
            int current = 0;
            while (!stoppingToken.IsCancellationRequested)
            {
                var address = addresses[current];
                bool hostStopping = false;
                try
                {
                    var channel = channels[current] ??= AgentTls.CreateChannel(address, _options, logger);
                    await RunSessionAsync(new AgentService.AgentServiceClient(channel), address, reconnect.Connected, stoppingToken);
                }
                catch (Exception ex) when (stoppingToken.IsCancellationRequested && ex is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
                {
                    break;
                }
                catch (RpcException ex) when (HostStopping.Is(ex))
                {
                    hostStopping = true;
                    state.HostStopped();
                    // The stopping host waits a short grace for its agents to leave; closing the connection now lets it
                    // stop sooner (a later session to this host opens a new channel).
                    channels[current]?.Dispose();
                    channels[current] = null;
                    AgentLog.HostStopping(logger, _options.ZoneId, address, addresses[(current + 1) % addresses.Count]);
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
                var wait = reconnect.NextDelay(hostStopping);
                try
                {
                    await Task.Delay(wait, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
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

    /// <summary>One connection's life, handed to an <see cref="AgentSession"/>; this worker only rotates hosts and backs off.</summary>
    private Task RunSessionAsync(AgentService.AgentServiceClient client, Uri address, Action onWelcome, CancellationToken stoppingToken) =>
        new AgentSession(_options, provider, state, time, logger, _reportReady, RequestReport, SetReportInterval)
            .RunAsync(client, address, onWelcome, stoppingToken);

    /// <summary>Asks for an observation now (coalesced): it becomes the next report, sent at once on an open stream.</summary>
    private void RequestReport() => _observeNow.Writer.TryWrite(true);

    private void SetReportInterval(TimeSpan interval)
    {
        if (_timer is { } timer && timer.Period != interval)
        {
            timer.Period = interval;
        }
    }

    /// <summary>
    /// Observes the zone every report interval, connected or not, and at once when a session asks (after a command): each
    /// observation becomes the next report in the backlog, which a session sends in order. While disconnected the backlog
    /// grows up to its capacity. One loop, so reports are observed and numbered one at a time.
    /// </summary>
    /// <summary>Adds the operator's declared facts (<c>Agent:Posture</c>) the provider did not measure, ordered by key.</summary>
    private void AddDeclaredPosture(ZoneReport report, ZoneObservation observation)
    {
        if (_options.Posture.Count == 0)
        {
            return;
        }

        var measured = observation.Posture.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        report.Posture.AddRange(_options.Posture
            .Where(f => !measured.Contains(f.Key))
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => new PostureFact { Key = f.Key, Value = f.Value ?? string.Empty }));
    }

    /// <summary>The provider's reason as the gateway accepts it: control characters replaced, at most 1,024 characters; empty when not degraded.</summary>
    internal static string DegradedReasonText(ZoneObservation observation)
    {
        const int MaxLength = 1024;
        if (!observation.Degraded || string.IsNullOrEmpty(observation.DegradedReason))
        {
            return string.Empty;
        }

        var text = observation.DegradedReason.Length <= MaxLength ? observation.DegradedReason : observation.DegradedReason[..(MaxLength - 1)] + "…";
        return string.Create(text.Length, text, static (span, t) =>
        {
            for (int i = 0; i < t.Length; i++)
            {
                span[i] = char.IsControl(t[i]) ? ' ' : t[i];
            }
        });
    }

    /// <summary>
    /// What a failed observation reports: the last good observation's inventory marked Degraded with the failure as the
    /// reason. Keeping the inventory keeps the control plane's view of the workloads (an empty list would read as every
    /// workload gone, and the ledger would come to call them missing); Degraded keeps new placements off the zone. With
    /// no good observation yet: no capacity and no workloads, so nothing can be scheduled onto a zone nobody can see.
    /// </summary>
    internal static ZoneObservation FailedObservation(ZoneObservation? lastGood, Exception failure)
    {
        string reason = $"observation failed: {(failure is OperationCanceledException ? "timed out" : failure.Message)}";
        return lastGood is { } last
            ? last with { Degraded = true, DegradedReason = reason }
            : new ZoneObservation(new ResourceVector(), new ResourceVector(), [], [], Degraded: true, reason);
    }

    private async Task ObserveAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.ReportInterval, time);
        _timer = timer;
        var tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
        var asked = _observeNow.Reader.WaitToReadAsync(stoppingToken).AsTask();
        while (true)
        {
            ZoneObservation observation;
            try
            {
                observation = await provider.ObserveAsync(time.GetUtcNow(), stoppingToken);
                _lastGood = observation.Degraded ? _lastGood : observation;
            }
            catch (Exception ex) when (!(stoppingToken.IsCancellationRequested && ex is OperationCanceledException))
            {
                // A provider that throws (its SDK failing, timing out: a timeout's OperationCanceledException too) still
                // reports: Degraded with the reason, so the zone shows why and nothing is scheduled onto it.
                AgentLog.ObservationFailed(logger, _options.ZoneId, ex.Message);
                observation = FailedObservation(_lastGood, ex);
            }

            var report = new ZoneReport
            {
                Sequence = state.NextSequence(),
                ObservedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
                Capacity = observation.Capacity,
                Usage = observation.Usage,
                Degraded = observation.Degraded,
                DegradedReason = DegradedReasonText(observation),
            };
            report.Workloads.AddRange(observation.Workloads);
            report.Posture.AddRange(observation.Posture);
            AddDeclaredPosture(report, observation);
            state.Backlog.Add(report);
            _reportReady.Release();

            // Both waits stay armed across observations, so neither is lost or left behind.
            if (await Task.WhenAny(tick, asked) == tick)
            {
                if (!await tick)
                {
                    return;
                }

                tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
            }
            else
            {
                await asked;
                _observeNow.Reader.TryRead(out _);
                asked = _observeNow.Reader.WaitToReadAsync(stoppingToken).AsTask();
            }
        }
    }
}
