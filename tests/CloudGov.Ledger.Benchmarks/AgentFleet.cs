using CloudGov.ControlPlane.Abstractions.Zones;
using CloudGov.ControlPlane.Grpc;
using CloudGov.Domain;
using CloudGov.Proto.Agent.V1;
using Google.Protobuf;
using Grpc.Core;
using CloudGov.Testing.Tls;
using Grpc.Net.Client;

namespace CloudGov.Ledger.Benchmarks;

/// <summary>
/// One agent stream per zone on AgentService.Connect, opened with Hello and kept open (the zones stay connected);
/// reports go on the streams (grpc feed) or, for the grain feed, through the gateway's own validator with the
/// workloads' labels kept and then to the zone grains, which is what the gateway does once it maps labels.
/// </summary>
internal sealed class AgentFleet : IAsyncDisposable
{
    private readonly GrpcChannel _channel;
    private readonly IGrainFactory _grains;
    private readonly Dictionary<string, (AsyncDuplexStreamingCall<AgentMessage, ControlMessage> Call, Task Drain, SemaphoreSlim Gate)> _streams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ulong> _sequences = new(StringComparer.Ordinal);

    private readonly Uri _agentAddress;
    private readonly List<GrpcChannel> _agentChannels = [];

    /// <summary>A fleet whose streams go to <paramref name="agentAddress"/> (mutual TLS, one channel per zone) and whose <see cref="Channel"/> is <paramref name="address"/>.</summary>
    public AgentFleet(Uri address, Uri agentAddress, IGrainFactory grains)
    {
        _grains = grains;
        _agentAddress = agentAddress;
        // Agents need no token; the same channel also carries the benchmark's operator calls (IntentRegistrar, RebalanceBench).
        _channel = CloudGov.Testing.Identity.TestTokens.Channel(address, options: new GrpcChannelOptions
        {
            MaxSendMessageSize = 16 * 1024 * 1024,
            MaxReceiveMessageSize = 16 * 1024 * 1024,
        });
    }

    /// <summary>A channel to the gRPC port (operations API).</summary>
    public GrpcChannel Channel => _channel;

    /// <summary>Opens a stream per zone and waits for each Welcome.</summary>
    public async Task ConnectAsync(IEnumerable<Hello> hellos)
    {
        await Task.WhenAll(hellos.Select(async hello =>
        {
            var channel = TestCertificates.Shared.AgentChannel(_agentAddress, hello.ZoneId);
            lock (_agentChannels)
            {
                _agentChannels.Add(channel);
            }

            var call = new AgentService.AgentServiceClient(channel).Connect();
            await call.RequestStream.WriteAsync(new AgentMessage { Hello = hello });
            if (!await call.ResponseStream.MoveNext(CancellationToken.None) || call.ResponseStream.Current.BodyCase != ControlMessage.BodyOneofCase.Welcome)
            {
                throw new InvalidOperationException($"zone {hello.ZoneId}: no Welcome after Hello");
            }

            ulong last = call.ResponseStream.Current.Welcome.LastAcceptedSequence;
            var drain = Task.Run(async () =>
            {
                // Acks and commands: read and dropped (the benchmark executes no plan).
                while (await call.ResponseStream.MoveNext(CancellationToken.None))
                {
                }
            });
            lock (_streams)
            {
                _streams[hello.ZoneId] = (call, drain, new SemaphoreSlim(1, 1));
                _sequences[hello.ZoneId] = last;
            }
        }));
    }

    /// <summary>The next sequence of <paramref name="zoneId"/>'s reports.</summary>
    public ulong NextSequence(string zoneId)
    {
        lock (_streams)
        {
            return _sequences[zoneId] = _sequences[zoneId] + 1;
        }
    }

    /// <summary>The last sequence sent for <paramref name="zoneId"/>.</summary>
    public ulong LastSequence(string zoneId)
    {
        lock (_streams)
        {
            return _sequences[zoneId];
        }
    }

    /// <summary>Sends one report of <paramref name="zoneId"/> the way <paramref name="feed"/> says.</summary>
    public async Task SendAsync(string zoneId, ZoneReport report, string feed)
    {
        if (feed == "grain")
        {
            // Parsed from bytes like the server does, so every string is fresh as it would be in a received report.
            var parsed = ZoneReport.Parser.ParseFrom(report.ToByteArray());
            var data = AgentMessageValidator.ValidateReport(parsed, DateTimeOffset.UtcNow);
            var withLabels = data with
            {
                Workloads = [.. data.Workloads.Select((o, k) => o with { Labels = WorkloadSpec.SortLabels(parsed.Workloads[k].Labels) })],
            };
            var outcome = await _grains.GetGrain<IZoneGrain>(zoneId).ReportAsync(withLabels);
            if (outcome.Result != ReportResult.Accepted)
            {
                throw new InvalidOperationException($"zone {zoneId}: report {report.Sequence} was {outcome.Result}");
            }

            return;
        }

        var (call, _, gate) = _streams[zoneId];
        await gate.WaitAsync();
        try
        {
            await call.RequestStream.WriteAsync(new AgentMessage { Report = report });
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Waits until every zone grain has applied the last report sent to it.</summary>
    public async Task WaitAppliedAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        List<string> behind;
        do
        {
            var zones = _sequences.Keys.ToList();
            var summaries = await Task.WhenAll(zones.Select(z => _grains.GetGrain<IZoneGrain>(z).GetSummaryAsync()));
            behind = [.. zones.Where((z, i) => summaries[i] is not { } s || s.LastSequence < LastSequence(z))];
            if (behind.Count == 0)
            {
                return;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"{behind.Count} zones had not applied their last report after {timeout.TotalSeconds:F0} s (e.g. {behind[0]})");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (call, drain, _) in _streams.Values)
        {
            try
            {
                await call.RequestStream.CompleteAsync();
                await drain.WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception ex) when (ex is RpcException or TimeoutException or InvalidOperationException)
            {
                // The host is going away anyway.
            }

            call.Dispose();
        }

        _channel.Dispose();
        _agentChannels.ForEach(c => c.Dispose());
    }
}
