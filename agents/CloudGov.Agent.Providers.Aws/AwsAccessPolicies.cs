using System.Net;
using Amazon.EC2.Model;

namespace CloudGov.Agent.Providers.Aws;

/// <summary>
/// A workload's access policy as EC2 security-group ingress permissions, and back: what the zone's security groups
/// admit, read as an <see cref="AccessPolicy"/>. ICMP rules admit all ICMP (EC2 type/code -1); EC2's "all traffic"
/// (-1) reads back as TCP and UDP 1-65535 and ICMP. What a policy cannot say (a rule whose source is another security
/// group or a prefix list, one ICMP type) makes the read-back "cannot tell" (null), never a narrower policy.
/// </summary>
internal static class AwsAccessPolicies
{
    /// <summary>At most this many rules in a policy (see common.v1.AccessPolicy).</summary>
    public const int MaxRules = 64;

    /// <summary>One rule in a canonical form, for comparing and sorting.</summary>
    public readonly record struct Rule(AccessProtocol Protocol, uint From, uint To, string Cidr) : IComparable<Rule>
    {
        /// <inheritdoc />
        public int CompareTo(Rule other)
        {
            int c = Protocol.CompareTo(other.Protocol);
            c = c != 0 ? c : From.CompareTo(other.From);
            c = c != 0 ? c : To.CompareTo(other.To);
            return c != 0 ? c : string.CompareOrdinal(Cidr, other.Cidr);
        }

        /// <summary>As the wire's rule.</summary>
        public AccessRule ToProto() => new() { Protocol = Protocol, PortFrom = From, PortTo = To, SourceCidr = Cidr };
    }

    /// <summary>Why the policy cannot be applied (unknown protocol, bad ports or CIDR, too many rules), or null.</summary>
    public static string? Problem(AccessPolicy? policy)
    {
        if (policy is null)
        {
            return null;
        }

        if (policy.Ingress.Count > MaxRules)
        {
            return $"the access policy has {policy.Ingress.Count} rules; at most {MaxRules} are allowed";
        }

        for (int i = 0; i < policy.Ingress.Count; i++)
        {
            var r = policy.Ingress[i];
            bool ports = r.Protocol switch
            {
                AccessProtocol.Tcp or AccessProtocol.Udp => r.PortFrom is >= 1 and <= 65535 && r.PortTo >= r.PortFrom && r.PortTo <= 65535,
                AccessProtocol.Icmp => r.PortFrom == 0 && r.PortTo == 0,
                _ => false,
            };
            if (!ports)
            {
                return $"access rule {i} needs TCP/UDP with ports 1-65535 (from ≤ to) or ICMP with ports 0";
            }

            if (r.SourceCidr.Length > 43 || !IPNetwork.TryParse(r.SourceCidr, out _))
            {
                return $"access rule {i} needs a source CIDR such as 10.0.0.0/8";
            }
        }

        return null;
    }

    /// <summary>The policy's rules, canonical: sorted, duplicates removed.</summary>
    public static SortedSet<Rule> Rules(AccessPolicy? policy) =>
        [.. (policy?.Ingress ?? []).Select(r => new Rule(r.Protocol, r.PortFrom, r.PortTo, Canonical(r.SourceCidr)))];

    /// <summary>The ingress permission that admits <paramref name="rule"/>.</summary>
    public static IpPermission ToPermission(Rule rule)
    {
        bool v6 = rule.Cidr.Contains(':', StringComparison.Ordinal);
        var permission = new IpPermission
        {
            IpProtocol = rule.Protocol switch
            {
                AccessProtocol.Tcp => "tcp",
                AccessProtocol.Udp => "udp",
                _ => v6 ? "icmpv6" : "icmp",
            },
            FromPort = rule.Protocol == AccessProtocol.Icmp ? -1 : (int)rule.From,
            ToPort = rule.Protocol == AccessProtocol.Icmp ? -1 : (int)rule.To,
        };
        if (v6)
        {
            permission.Ipv6Ranges = [new Ipv6Range { CidrIpv6 = rule.Cidr }];
        }
        else
        {
            permission.Ipv4Ranges = [new IpRange { CidrIp = rule.Cidr }];
        }

        return permission;
    }

    /// <summary>
    /// The rules a security group's ingress permissions admit, or null when one of them is not expressible as a policy
    /// rule (a group or prefix-list source, one ICMP type, another IP protocol).
    /// </summary>
    public static List<Rule>? Read(IEnumerable<IpPermission>? permissions)
    {
        var rules = new List<Rule>();
        foreach (var p in permissions ?? [])
        {
            if (p.UserIdGroupPairs is { Count: > 0 } || p.PrefixListIds is { Count: > 0 })
            {
                return null;
            }

            var cidrs = (p.Ipv4Ranges ?? []).Select(r => r.CidrIp).Concat((p.Ipv6Ranges ?? []).Select(r => r.CidrIpv6)).Where(c => !string.IsNullOrEmpty(c)).Select(Canonical).ToList();
            int from = p.FromPort ?? -1, to = p.ToPort ?? -1;
            var shapes = new List<(AccessProtocol, uint, uint)>();
            switch (p.IpProtocol?.ToLowerInvariant())
            {
                case "-1" or "all":
                    shapes.Add((AccessProtocol.Tcp, 1, 65535));
                    shapes.Add((AccessProtocol.Udp, 1, 65535));
                    shapes.Add((AccessProtocol.Icmp, 0, 0));
                    break;
                case "tcp" or "6" or "udp" or "17":
                    var protocol = p.IpProtocol is "tcp" or "6" ? AccessProtocol.Tcp : AccessProtocol.Udp;
                    // EC2 reads 0-65535 (and -1) as every port; the policy's ports start at 1.
                    (uint f, uint t) = from <= 0 && (to <= 0 || to >= 65535) ? (1u, 65535u) : ((uint)Math.Max(from, 1), (uint)Math.Clamp(to, Math.Max(from, 1), 65535));
                    shapes.Add((protocol, f, t));
                    break;
                case "icmp" or "1" or "icmpv6" or "58":
                    if (from != -1)
                    {
                        return null;
                    }

                    shapes.Add((AccessProtocol.Icmp, 0, 0));
                    break;
                default:
                    return null;
            }

            foreach (var cidr in cidrs)
            {
                foreach (var (protocol, f, t) in shapes)
                {
                    rules.Add(new Rule(protocol, f, t, cidr));
                }
            }
        }

        return rules;
    }

    /// <summary>The permissions split so each has one source (CIDR, group or prefix list), as EC2 accepts them back in a revoke.</summary>
    public static IEnumerable<IpPermission> PerSource(IEnumerable<IpPermission>? permissions)
    {
        foreach (var p in permissions ?? [])
        {
            IpPermission Shape() => new() { IpProtocol = p.IpProtocol, FromPort = p.FromPort, ToPort = p.ToPort };
            foreach (var r in p.Ipv4Ranges ?? [])
            {
                var one = Shape();
                one.Ipv4Ranges = [new IpRange { CidrIp = r.CidrIp }];
                yield return one;
            }

            foreach (var r in p.Ipv6Ranges ?? [])
            {
                var one = Shape();
                one.Ipv6Ranges = [new Ipv6Range { CidrIpv6 = r.CidrIpv6 }];
                yield return one;
            }

            foreach (var g in p.UserIdGroupPairs ?? [])
            {
                var one = Shape();
                one.UserIdGroupPairs = [new UserIdGroupPair { GroupId = g.GroupId }];
                yield return one;
            }

            foreach (var l in p.PrefixListIds ?? [])
            {
                var one = Shape();
                one.PrefixListIds = [new PrefixListId { Id = l.Id }];
                yield return one;
            }
        }
    }

    /// <summary>The policy the given groups admit together, or null when one of them cannot be read as one (or it has over 64 rules).</summary>
    public static AccessPolicy? Policy(IEnumerable<SecurityGroup> groups)
    {
        var all = new SortedSet<Rule>();
        foreach (var group in groups)
        {
            if (Read(group.IpPermissions) is not { } rules)
            {
                return null;
            }

            all.UnionWith(rules);
        }

        if (all.Count > MaxRules)
        {
            return null;
        }

        var policy = new AccessPolicy();
        policy.Ingress.AddRange(all.Select(r => r.ToProto()));
        return policy;
    }

    /// <summary>True when the CIDR is the whole Internet (0.0.0.0/0 or ::/0).</summary>
    public static bool IsWorld(string cidr) => cidr is "0.0.0.0/0" or "::/0";

    private static string Canonical(string cidr) =>
        IPNetwork.TryParse(cidr, out var network) ? network.ToString() : cidr.Trim().ToLowerInvariant();
}
