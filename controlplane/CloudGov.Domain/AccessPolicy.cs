using System.Globalization;
using System.Net;

namespace CloudGov.Domain;

/// <summary>
/// A workload's access-control policy (访问控制策略): the inbound traffic it admits. It is part of the workload's intent,
/// travels with every place command (a security group on EC2, a NetworkPolicy on Kubernetes, an NSG on Azure) and is
/// reported back as the policy the zone actually applies, so a migration can be checked to have carried it across.
/// The rules are kept canonical — CIDRs normalised, sorted, duplicates dropped — so two policies are equal exactly when
/// they admit the same rules, whatever order or spelling a cloud reports them in.
/// </summary>
[GenerateSerializer, Immutable, Alias("cloudgov.AccessPolicy")]
public sealed record AccessPolicy([property: Id(0)] ImmutableArray<AccessRule> Ingress)
{
    /// <summary>The most rules one policy may hold.</summary>
    public const int MaxRules = 64;

    /// <summary>The longest CIDR text accepted (an IPv6 address with a prefix).</summary>
    public const int MaxCidrLength = 43;

    /// <summary>A policy that admits nothing.</summary>
    public static AccessPolicy None { get; } = new([]);

    /// <summary>True when some rule admits <paramref name="port"/> over TCP from the Internet.</summary>
    public bool OpensToInternet(int port) => (Ingress.IsDefault ? [] : Ingress).Any(r => r.OpensToInternet(port));

    /// <summary>The policy with its rules canonical: CIDRs normalised, sorted, duplicates dropped. Rules must be valid (see <see cref="Problem"/>).</summary>
    public static AccessPolicy Canonical(IEnumerable<AccessRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var set = new SortedSet<AccessRule>();
        foreach (var rule in rules)
        {
            set.Add(rule with { SourceCidr = NormalizeCidr(rule.SourceCidr) ?? rule.SourceCidr });
        }

        return new([.. set]);
    }

    /// <summary>
    /// The policy of <paramref name="rules"/> as given on the wire: canonical when every rule is valid and there are at
    /// most <see cref="MaxRules"/>; otherwise in the given order, so validation names each bad rule by its position.
    /// </summary>
    public static AccessPolicy FromWire(IReadOnlyList<AccessRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return rules.Count <= MaxRules && rules.All(r => Problem(r) is null) ? Canonical(rules) : new([.. rules]);
    }

    /// <summary>
    /// Why <paramref name="rule"/> is not a valid rule, or null: a defined protocol; TCP/UDP ports 1..65535 with
    /// from ≤ to; ICMP ports 0..0; a source CIDR (IPv4 or IPv6 address / prefix length) of at most
    /// <see cref="MaxCidrLength"/> characters.
    /// </summary>
    public static string? Problem(AccessRule rule)
    {
        switch (rule.Protocol)
        {
            case AccessProtocol.Tcp or AccessProtocol.Udp:
                if (rule.PortFrom is < 1 or > 65535 || rule.PortTo is < 1 or > 65535 || rule.PortFrom > rule.PortTo)
                {
                    return $"ports {rule.PortFrom}..{rule.PortTo} are not a range within 1..65535 (from ≤ to)";
                }

                break;
            case AccessProtocol.Icmp:
                if (rule.PortFrom != 0 || rule.PortTo != 0)
                {
                    return "an ICMP rule has no ports: give 0 for both";
                }

                break;
            default:
                return $"{(int)rule.Protocol} is not a protocol: give TCP, UDP or ICMP";
        }

        return NormalizeCidr(rule.SourceCidr) is null
            ? $"the source must be a CIDR such as 10.0.0.0/8 or 2001:db8::/32 (at most {MaxCidrLength} characters)"
            : null;
    }

    /// <summary>The canonical text of a CIDR (network address, prefix), or null when it is not one.</summary>
    public static string? NormalizeCidr(string? cidr)
    {
        if (string.IsNullOrEmpty(cidr) || cidr.Length > MaxCidrLength)
        {
            return null;
        }

        int slash = cidr.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || !IPAddress.TryParse(cidr.AsSpan(0, slash), out var address)
            || !int.TryParse(cidr.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int prefix))
        {
            return null;
        }

        if (cidr.AsSpan(0, slash).Contains('%'))
        {
            return null;
        }

        int bits = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
        if (prefix > bits)
        {
            return null;
        }

        var network = new IPNetwork(Mask(address, prefix), prefix);
        return network.ToString();
    }

    /// <inheritdoc />
    public bool Equals(AccessPolicy? other) =>
        other is not null && (Ingress.IsDefault ? [] : Ingress).AsSpan().SequenceEqual((other.Ingress.IsDefault ? [] : other.Ingress).AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => Ingress.IsDefault ? 0 : Ingress.Length;

    /// <inheritdoc />
    public override string ToString() => Ingress.IsDefaultOrEmpty ? "admits nothing" : string.Join("; ", Ingress);

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (int i = 0; i < bytes.Length; i++)
        {
            int keep = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        return new IPAddress(bytes);
    }
}
