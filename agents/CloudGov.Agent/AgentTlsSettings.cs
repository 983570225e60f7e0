namespace CloudGov.Agent;

/// <summary>
/// The files of the agent's mutual-TLS identity (PEM). Used when the control-plane address is https://; all three are
/// required then. The certificate and key are re-read when they change, and the next connection uses the new pair,
/// so a renewed certificate needs no restart.
/// </summary>
public sealed class AgentTlsSettings
{
    /// <summary>The CloudGov CA certificate (<c>ca.crt</c>); the control plane's server certificate must chain to it (and only to it).</summary>
    public string CaCertificatePath { get; set; } = string.Empty;

    /// <summary>This zone's agent certificate (<c>agents/&lt;zone-id&gt;.crt</c>).</summary>
    public string CertificatePath { get; set; } = string.Empty;

    /// <summary>This zone's private key (<c>agents/&lt;zone-id&gt;.key</c>).</summary>
    public string KeyPath { get; set; } = string.Empty;
}
