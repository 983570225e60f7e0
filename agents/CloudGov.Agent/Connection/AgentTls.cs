using Grpc.Net.Client;

namespace CloudGov.Agent.Connection;

/// <summary>
/// The agent's channel to a control-plane host: for an https:// address, mutual TLS with this zone's certificate
/// (re-read when its files change, see <see cref="ReloadingTlsHandler"/>) and the server validated against the CloudGov
/// CA only; for http://, plaintext, which a control plane accepts only with its development switch on.
/// </summary>
internal static class AgentTls
{
    /// <summary>A channel to <paramref name="address"/>.</summary>
    public static GrpcChannel CreateChannel(Uri address, AgentOptions options, ILogger logger)
    {
        HttpMessageHandler handler = address.Scheme == Uri.UriSchemeHttps
            ? new ReloadingTlsHandler(options.ZoneId, options.Tls, logger)
            : NewSocketsHandler();
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            MaxReceiveMessageSize = 16 * 1024 * 1024,
            HttpHandler = handler,
            DisposeHttpClient = true,
        });
    }

    /// <summary>The HTTP/2 handler settings every agent connection uses.</summary>
    public static SocketsHttpHandler NewSocketsHandler() => new()
    {
        EnableMultipleHttp2Connections = true,
        KeepAlivePingDelay = TimeSpan.FromSeconds(20),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>The TLS settings' rules: an https:// address needs the CA, certificate and key files.</summary>
    public static void AddFailures(AgentOptions options, List<string> failures)
    {
        if (!options.EffectiveControlPlaneAddresses().Any(a => a is { IsAbsoluteUri: true } && a.Scheme == Uri.UriSchemeHttps))
        {
            return;
        }

        foreach (var (key, path) in new[]
        {
            ("Agent:Tls:CaCertificatePath", options.Tls.CaCertificatePath),
            ("Agent:Tls:CertificatePath", options.Tls.CertificatePath),
            ("Agent:Tls:KeyPath", options.Tls.KeyPath),
        })
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                failures.Add($"{key} is required for an https:// control-plane address (mutual TLS); 'cloudgov-controlplane certs issue-agent --zone {options.ZoneId} --dir <dir>' writes the files.");
            }
            else if (!File.Exists(path))
            {
                failures.Add($"{key} '{path}' does not exist.");
            }
        }
    }
}
