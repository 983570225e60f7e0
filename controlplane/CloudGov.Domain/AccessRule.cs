namespace CloudGov.Domain;

/// <summary>
/// One inbound rule of a workload's access-control policy: traffic of <paramref name="Protocol"/> on ports
/// <paramref name="PortFrom"/>..<paramref name="PortTo"/> from <paramref name="SourceCidr"/> is admitted.
/// ICMP rules carry ports 0..0. The CIDR is kept in its canonical text (<see cref="AccessPolicy.Canonical"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("cloudgov.AccessRule")]
public readonly record struct AccessRule(
    [property: Id(0)] AccessProtocol Protocol,
    [property: Id(1)] int PortFrom,
    [property: Id(2)] int PortTo,
    [property: Id(3)] string SourceCidr) : IComparable<AccessRule>
{
    /// <summary>True when the rule admits <paramref name="port"/> over TCP from anywhere (0.0.0.0/0 or ::/0).</summary>
    public bool OpensToInternet(int port) =>
        Protocol == AccessProtocol.Tcp && PortFrom <= port && port <= PortTo && SourceCidr is "0.0.0.0/0" or "::/0";

    /// <inheritdoc />
    public int CompareTo(AccessRule other)
    {
        int c = Protocol.CompareTo(other.Protocol);
        c = c != 0 ? c : PortFrom.CompareTo(other.PortFrom);
        c = c != 0 ? c : PortTo.CompareTo(other.PortTo);
        return c != 0 ? c : string.CompareOrdinal(SourceCidr, other.SourceCidr);
    }

    /// <inheritdoc />
    public override string ToString() => Protocol == AccessProtocol.Icmp
        ? $"icmp from {SourceCidr}"
        : $"{Protocol.ToString().ToLowerInvariant()}/{(PortFrom == PortTo ? PortFrom.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{PortFrom}-{PortTo}")} from {SourceCidr}";
}
