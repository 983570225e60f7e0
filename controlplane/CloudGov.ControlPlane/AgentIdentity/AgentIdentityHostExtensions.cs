using System.Net;
using System.Security.Cryptography.X509Certificates;
using CloudGov.ControlPlane.Hosting;
using CloudGov.ControlPlane.Metrics;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace CloudGov.ControlPlane.AgentIdentity;

/// <summary>The wiring of agent identity: the mutual-TLS agent endpoint, its certificate checks and the zone gate.</summary>
internal static class AgentIdentityHostExtensions
{
    /// <summary>
    /// Adds the agent endpoint on <c>ControlPlane:AgentPort</c> (HTTP/2 over TLS, client certificate required and
    /// validated against the CloudGov CA only) and the services behind the zone check. Without a certificate directory
    /// (allowed only with <c>ControlPlane:AllowPlaintextAgents</c>) there is no agent endpoint.
    /// </summary>
    public static WebApplicationBuilder AddAgentIdentity(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ControlPlaneOptions.SectionName).Get<ControlPlaneOptions>() ?? new ControlPlaneOptions();
        if (options.AgentCertificateDirectory.Length == 0)
        {
            return builder;
        }

        var files = new AgentCertificateFiles(options.AgentCertificateDirectory);
        builder.Services.AddSingleton(files);
        builder.Services.AddSingleton(sp => new RevocationList(files.RevokedSerials, Logger(sp)));
        builder.Services.AddSingleton(sp => new ServerCertificateSource(files, Logger(sp)));
        builder.Services.AddSingleton(sp => new AgentCertificateValidator(
            X509CertificateLoader.LoadCertificateFromFile(files.CaCertificate), sp.GetRequiredService<RevocationList>(), sp.GetRequiredService<TimeProvider>(), Logger(sp)));
        builder.Services.AddSingleton(sp => new AgentSessions(sp.GetRequiredService<RevocationList>(), Logger(sp)));
        builder.Services.AddSingleton(sp => new AgentZoneGate(sp.GetRequiredService<RevocationList>(), sp.GetRequiredService<AgentSessions>(), sp.GetRequiredService<ControlPlaneMetrics>()));

        builder.Services.AddSingleton(sp => new AgentHandshakeGate(options.MaxAgentHandshakesInFlight, sp.GetRequiredService<OperatorPriority>()));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var handshakes = kestrel.ApplicationServices.GetRequiredService<AgentHandshakeGate>();
            var address = IPAddress.TryParse(options.ListenAddress, out var parsed) ? parsed : IPAddress.Loopback;
            kestrel.Listen(address, options.AgentPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                listen.Use(next => connection =>
                {
                    connection.Items[AgentZoneGate.AgentEndpointItem] = true;
                    return next(connection);
                });
                var services = kestrel.ApplicationServices;
                listen.Use(handshakes.BeforeHandshake);
                listen.UseHttps(https =>
                {
                    // Resolved at the first handshake, after the options were validated (a missing file is reported there).
                    https.ServerCertificateSelector = (_, _) => services.GetRequiredService<ServerCertificateSource>().Current;
                    // The selector alone makes every handshake build the server certificate's TLS context (its chain)
                    // anew; hand over the one built per certificate instead (renewed with the files, like the selector).
                    https.OnAuthenticate = (_, ssl) =>
                    {
                        ssl.ServerCertificateContext = services.GetRequiredService<ServerCertificateSource>().CurrentContext;
                        ssl.ServerCertificateSelectionCallback = null;
                        ssl.ServerCertificate = null;
                    };
                    https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                    https.ClientCertificateValidation = (certificate, _, _) => services.GetRequiredService<AgentCertificateValidator>().IsAcceptable(certificate);
                    https.CheckCertificateRevocation = false; // revocation is CloudGov's own list (revoked.txt)
                });
                listen.Use(handshakes.AfterHandshake);
            });
        });
        return builder;
    }

    /// <summary>Keeps AgentService on the agent endpoint and logs the development switch's warning.</summary>
    public static WebApplication UseAgentIdentity(this WebApplication app)
    {
        var options = app.Configuration.GetSection(ControlPlaneOptions.SectionName).Get<ControlPlaneOptions>() ?? new ControlPlaneOptions();
        var logger = Logger(app.Services);
        if (options.AllowPlaintextAgents)
        {
            AgentIdentityLog.PlaintextAgentsAllowed(logger, options.GrpcPort);
        }

        if (options.AgentCertificateDirectory.Length > 0)
        {
            AgentIdentityLog.AgentEndpointListening(logger, options.AgentPort, Path.GetFullPath(options.AgentCertificateDirectory));
        }

        app.UseAgentEndpointRouting(options.AllowPlaintextAgents);
        return app;
    }

    private static ILogger Logger(IServiceProvider services) =>
        services.GetRequiredService<ILoggerFactory>().CreateLogger("CloudGov.ControlPlane.AgentIdentity");
}
