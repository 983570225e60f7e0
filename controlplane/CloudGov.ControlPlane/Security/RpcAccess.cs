namespace CloudGov.ControlPlane.Security;

/// <summary>How an RPC's caller is authenticated.</summary>
public enum RpcAccess
{
    /// <summary>Anyone who reaches the port (health, reflection).</summary>
    Anonymous = 1,

    /// <summary>
    /// The agent stream: the caller proves its zone with a client certificate on the mutual-TLS agent endpoint; no bearer
    /// token is asked for.
    /// </summary>
    ClientCertificate = 2,

    /// <summary>A bearer token whose role is among the rule's roles.</summary>
    Bearer = 3,
}
