using CloudGov.ControlPlane.Metrics;
using Google.Rpc;
using Microsoft.AspNetCore.Connections.Features;
using RpcStatus = Google.Rpc.Status;

namespace CloudGov.ControlPlane.AgentIdentity;

/// <summary>
/// The zone check at Hello: on the agent endpoint the stream may speak only for the zone in its client certificate
/// (another zone → PERMISSION_DENIED, before anything is registered); a revoked certificate on a connection opened
/// before the revocation is refused the same way. Reports and command results travel on the stream Hello opened, so
/// they are bound to that zone. On the plaintext gRPC port (only with <c>ControlPlane:AllowPlaintextAgents</c>) the
/// Hello's zone is taken as claimed.
/// </summary>
internal sealed class AgentZoneGate(RevocationList revocations, AgentSessions sessions, ControlPlaneMetrics metrics)
{
    /// <summary>The connection item that marks a connection accepted on the agent endpoint.</summary>
    public const string AgentEndpointItem = "cloudgov.agent-endpoint";

    /// <summary>Checks the stream of <paramref name="context"/> may register <paramref name="zoneId"/>; throws the RPC status otherwise.</summary>
    public static void Demand(ServerCallContext context, string zoneId)
    {
        var http = context.GetHttpContext();
        if (!IsAgentEndpoint(http))
        {
            return; // the development switch let a plaintext agent through (AgentEndpointRouting refuses it otherwise)
        }

        http.RequestServices.GetRequiredService<AgentZoneGate>().Check(http, zoneId);
    }

    /// <summary>True when the request arrived on the agent (mutual-TLS) endpoint.</summary>
    public static bool IsAgentEndpoint(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.ContainsKey(AgentEndpointItem) == true;

    private void Check(HttpContext http, string zoneId)
    {
        var certificate = http.Connection.ClientCertificate;
        if (certificate is null)
        {
            throw Refuse(Code.Unauthenticated, "no client certificate on the agent endpoint; connect with the zone's agent certificate");
        }

        if (revocations.IsRevoked(certificate.SerialNumber))
        {
            throw Refuse(Code.PermissionDenied, $"the agent certificate with serial {certificate.SerialNumber} is revoked; issue a new one with 'certs issue-agent'");
        }

        string? certified = ZoneCertificateIdentity.ZoneOf(certificate);
        if (!string.Equals(certified, zoneId, StringComparison.Ordinal))
        {
            throw Refuse(Code.PermissionDenied,
                $"the client certificate is for zone {certified ?? "(none)"} and this Hello names another zone; an agent registers, reports and answers commands only for the zone in its certificate",
                "hello.zone_id");
        }

        http.Response.RegisterForDispose(sessions.Track(certificate.SerialNumber, zoneId, http));
    }

    private RpcException Refuse(Code code, string message, string? field = null)
    {
        metrics.RecordRejection((StatusCode)(int)code);
        var status = new RpcStatus { Code = (int)code, Message = message };
        if (field is not null)
        {
            var badRequest = new BadRequest();
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = field, Description = "must be the zone id in the agent's client certificate" });
            status.Details.Add(Google.Protobuf.WellKnownTypes.Any.Pack(badRequest));
        }

        return status.ToRpcException();
    }
}
