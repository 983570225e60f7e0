namespace CloudGov.ControlPlane.AgentIdentity;

/// <summary>
/// The layout of a CloudGov certificate directory: <c>ca.crt</c>/<c>ca.key</c> (the control plane's own CA),
/// <c>server.crt</c>/<c>server.key</c> (the host's agent-endpoint certificate), <c>agents/&lt;zone-id&gt;.crt</c>/<c>.key</c>
/// (one per zone) and <c>revoked.txt</c> (revoked serial numbers, one per line). All PEM; keys are written 0600.
/// The host needs only <c>ca.crt</c>, <c>server.*</c> and <c>revoked.txt</c>; <c>ca.key</c> may live elsewhere between issuances.
/// </summary>
public sealed class AgentCertificateFiles(string directory)
{
    /// <summary>The directory.</summary>
    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>The CA certificate (PEM), trusted by hosts and agents.</summary>
    public string CaCertificate => Path.Combine(Directory, "ca.crt");

    /// <summary>The CA private key (PEM, PKCS#8), needed only to issue and revoke.</summary>
    public string CaKey => Path.Combine(Directory, "ca.key");

    /// <summary>The host's server certificate for the agent endpoint.</summary>
    public string ServerCertificate => Path.Combine(Directory, "server.crt");

    /// <summary>The host's server key.</summary>
    public string ServerKey => Path.Combine(Directory, "server.key");

    /// <summary>The revoked serial numbers, one hex serial per line; <c>#</c> starts a comment.</summary>
    public string RevokedSerials => Path.Combine(Directory, "revoked.txt");

    /// <summary>The agent certificate of <paramref name="zoneId"/>.</summary>
    public string AgentCertificate(string zoneId) => Path.Combine(Directory, "agents", $"{zoneId}.crt");

    /// <summary>The agent key of <paramref name="zoneId"/>.</summary>
    public string AgentKey(string zoneId) => Path.Combine(Directory, "agents", $"{zoneId}.key");
}
