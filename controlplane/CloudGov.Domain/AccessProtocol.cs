namespace CloudGov.Domain;

/// <summary>The protocol an access rule admits.</summary>
[GenerateSerializer, Alias("cloudgov.AccessProtocol")]
public enum AccessProtocol
{
    /// <summary>Not set; rejected by validation.</summary>
    Unspecified = 0,

    /// <summary>TCP, on a port range.</summary>
    Tcp = 1,

    /// <summary>UDP, on a port range.</summary>
    Udp = 2,

    /// <summary>ICMP (no ports).</summary>
    Icmp = 3,
}
