using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using CloudGov.ControlPlane.AgentIdentity;
using Grpc.Net.Client;

namespace CloudGov.Testing.Tls;

/// <summary>
/// A CloudGov CA for tests (made with the control plane's own <see cref="AgentCertificateAuthority"/>, as
/// <c>certs init-ca</c> makes it) and the agent certificates and mutual-TLS channels the test helpers use.
/// <see cref="Shared"/> is one CA per test run that every host started by the helpers trusts by default;
/// <see cref="Create"/> makes a private one (for tests that revoke or renew).
/// </summary>
public sealed class TestCertificates
{
    private static readonly Lazy<TestCertificates> SharedInstance = new(() => Create("shared"));

    private readonly ConcurrentDictionary<string, X509Certificate2> _inMemory = new(StringComparer.Ordinal);
    private readonly Lock _filesGate = new();
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);

    private TestCertificates(AgentCertificateAuthority authority)
    {
        Authority = authority;
        Ca = X509CertificateLoader.LoadCertificateFromFile(authority.Files.CaCertificate);
    }

    /// <summary>The CA every helper-started host trusts unless told otherwise.</summary>
    public static TestCertificates Shared => SharedInstance.Value;

    /// <summary>The authority (issue, renew, revoke).</summary>
    public AgentCertificateAuthority Authority { get; }

    /// <summary>The certificate directory (pass as <c>ControlPlane:AgentCertificateDirectory</c>).</summary>
    public string Directory => Authority.Files.Directory;

    /// <summary>The CA certificate (public part).</summary>
    public X509Certificate2 Ca { get; }

    /// <summary>A new CA in a fresh temporary directory.</summary>
    public static TestCertificates Create(string name = "ca")
    {
        string directory = Path.Combine(Path.GetTempPath(), "cloudgov-tests", "certs", $"{name}-{Guid.NewGuid():N}");
        return new TestCertificates(AgentCertificateAuthority.Create(directory, []));
    }

    /// <summary>The CA already in <paramref name="directory"/> (made by <see cref="Create"/> or <c>certs init-ca</c>).</summary>
    public static TestCertificates Open(string directory) => new(AgentCertificateAuthority.Open(directory));

    /// <summary>Host settings that make a host trust this CA on its agent port.</summary>
    public Dictionary<string, string?> HostSettings(int agentPort) => new()
    {
        ["ControlPlane:AgentPort"] = agentPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ControlPlane:AgentCertificateDirectory"] = Directory,
    };

    /// <summary>Agent settings (<c>Agent:Tls:*</c>) for <paramref name="zoneId"/>; issues its files the first time.</summary>
    public Dictionary<string, string?> AgentSettings(string zoneId)
    {
        EnsureAgentFiles(zoneId);
        return new()
        {
            ["Agent:Tls:CaCertificatePath"] = Authority.Files.CaCertificate,
            ["Agent:Tls:CertificatePath"] = Authority.Files.AgentCertificate(zoneId),
            ["Agent:Tls:KeyPath"] = Authority.Files.AgentKey(zoneId),
        };
    }

    /// <summary>Issues the agent files of <paramref name="zoneId"/> unless this instance already did.</summary>
    public void EnsureAgentFiles(string zoneId)
    {
        lock (_filesGate)
        {
            if (_written.Add(zoneId))
            {
                Authority.IssueAgent(zoneId).Dispose();
            }
        }
    }

    /// <summary>The in-memory agent certificate of <paramref name="zoneId"/> (one per zone per instance).</summary>
    public X509Certificate2 AgentCertificate(string zoneId) => _inMemory.GetOrAdd(zoneId, z => Authority.CreateAgent(z));

    /// <summary>A mutual-TLS channel to <paramref name="agentAddress"/> presenting the certificate of <paramref name="zoneId"/>.</summary>
    public GrpcChannel AgentChannel(Uri agentAddress, string zoneId) => Channel(agentAddress, AgentCertificate(zoneId), Ca);

    /// <summary>
    /// A TLS channel presenting <paramref name="clientCertificate"/> (none when null) and trusting servers issued by
    /// <paramref name="trustedCa"/> only; for tests that connect with no certificate or one from another CA.
    /// </summary>
    public static GrpcChannel Channel(Uri address, X509Certificate2? clientCertificate, X509Certificate2 trustedCa) =>
        GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            MaxReceiveMessageSize = 16 * 1024 * 1024,
            HttpHandler = new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = true,
                SslOptions = new SslClientAuthenticationOptions
                {
                    LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate!,
                    RemoteCertificateValidationCallback = (_, server, _, _) => server is not null && IssuedBy(server, trustedCa),
                },
            },
        });

    private static bool IssuedBy(X509Certificate server, X509Certificate2 ca)
    {
        using var leaf = X509CertificateLoader.LoadCertificate(server.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }
}
