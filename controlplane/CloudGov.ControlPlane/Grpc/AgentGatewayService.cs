using CloudGov.ControlPlane.Grains.Zones;
using CloudGov.ControlPlane.Metrics;
using CloudGov.Proto.Agent.V1;
using Google.Protobuf.WellKnownTypes;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>
/// The agents' stream endpoint: a thin adapter that checks the Hello, registers the zone's agent with its grain and hands
/// the rest of the stream's life to an <see cref="AgentStreamSession"/> (reports and command results to the zone grain,
/// acknowledgements and commands to the agent, both pushed by the zone grain through <see cref="IZoneSessionObserver"/>
/// with polls behind them as the safety net).
/// </summary>
internal sealed class AgentGatewayService(
    IGrainFactory grains,
    AgentAdmission admission,
    ControlPlaneMetrics metrics,
    IOptions<ZoneOptions> zoneOptions,
    TimeProvider time,
    ILocalSiloDetails silo,
    ILogger<AgentGatewayService> logger) : AgentService.AgentServiceBase
{
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
        ulong acknowledged = await admission.RunAsync(() => zone.AsReference<IZoneLivenessGrain>().RegisterOnHostAsync(descriptor, session, silo.SiloAddress.ToParsableString()), cancellationToken).UnavailableOnFailure($"register zone {zoneId}");
        metrics.StreamOpened();
        AgentGatewayLog.Connected(logger, zoneId, context.Peer, acknowledged);

        // From here on the stream's life (reader, acknowledger, command delivery) is the session's.
        var welcome = new Welcome
        {
            ReportInterval = Duration.FromTimeSpan(zoneOptions.Value.ReportInterval),
            ServerTime = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
            LastAcceptedSequence = acknowledged,
        };
        await new AgentStreamSession(zoneId, session, zone, grains, admission, metrics, zoneOptions.Value, time, logger)
            .RunAsync(requestStream, responseStream, welcome, cancellationToken);
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
}
