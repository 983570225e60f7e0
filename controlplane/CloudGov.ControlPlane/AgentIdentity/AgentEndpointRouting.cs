namespace CloudGov.ControlPlane.AgentIdentity;

/// <summary>
/// Keeps the two gRPC endpoints apart: the agent endpoint (TLS, client certificate required) serves only
/// <c>cloudgov.agent.v1.AgentService</c>; the gRPC port serves everything else and refuses AgentService with
/// UNAUTHENTICATED unless <c>ControlPlane:AllowPlaintextAgents</c> is on. Refusals are gRPC trailers-only answers.
/// </summary>
internal static class AgentEndpointRouting
{
    private const string AgentServicePrefix = "/cloudgov.agent.v1.AgentService/";

    /// <summary>Adds the middleware.</summary>
    public static IApplicationBuilder UseAgentEndpointRouting(this IApplicationBuilder app, bool allowPlaintextAgents) =>
        app.Use(async (context, next) =>
        {
            bool agentPath = context.Request.Path.StartsWithSegments(AgentServicePrefix.TrimEnd('/'), StringComparison.Ordinal);
            if (AgentZoneGate.IsAgentEndpoint(context))
            {
                if (!agentPath)
                {
                    Refuse(context, StatusCode.Unimplemented, "the agent endpoint serves only cloudgov.agent.v1.AgentService; use the gRPC port (ControlPlane:GrpcPort) for other services");
                    return;
                }
            }
            else if (agentPath && !allowPlaintextAgents)
            {
                Refuse(context, StatusCode.Unauthenticated, "agents connect to the agent endpoint (ControlPlane:AgentPort, https) with their zone's client certificate; plaintext agents are off");
                return;
            }

            await next(context);
        });

    private static void Refuse(HttpContext context, StatusCode code, string message)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers["grpc-message"] = Uri.EscapeDataString(message);
    }
}
