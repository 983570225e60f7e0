using System.Net;
using k8s.Models;

namespace CloudGov.Agent.Providers.Kubernetes;

/// <summary>
/// Between CloudGov access policies and NetworkPolicy ingress rules: each access rule is one ingress rule admitting
/// one ipBlock CIDR on one port range. Read back, every ipBlock peer × port of every ingress rule is one access rule.
/// </summary>
internal static class AccessPolicies
{
    /// <summary>The most rules an access policy holds (the wire bound).</summary>
    public const int MaxRules = 64;

    /// <summary>Why a policy cannot be written as a NetworkPolicy, or null when it can (or is unset).</summary>
    public static string? Problem(AccessPolicy? policy)
    {
        if (policy is null)
        {
            return null;
        }

        if (policy.Ingress.Count > MaxRules)
        {
            return $"its access policy has {policy.Ingress.Count} rules; at most {MaxRules} are allowed";
        }

        for (int i = 0; i < policy.Ingress.Count; i++)
        {
            var rule = policy.Ingress[i];
            if (rule.Protocol == AccessProtocol.Icmp)
            {
                return $"access rule {i + 1} admits ICMP, which a Kubernetes NetworkPolicy cannot express (TCP and UDP only)";
            }

            if (rule.Protocol is not (AccessProtocol.Tcp or AccessProtocol.Udp))
            {
                return $"access rule {i + 1} has no protocol; use TCP or UDP";
            }

            if (rule.PortFrom is < 1 or > 65535 || rule.PortTo < rule.PortFrom || rule.PortTo > 65535)
            {
                return $"access rule {i + 1} needs ports 1-65535 with port_from at most port_to";
            }

            if (rule.SourceCidr.Length > 43 || !IPNetwork.TryParse(rule.SourceCidr, out _))
            {
                return $"access rule {i + 1} needs a source CIDR such as 10.0.0.0/8";
            }
        }

        return null;
    }

    /// <summary>The ingress rules of a policy without a <see cref="Problem"/>.</summary>
    public static IEnumerable<V1NetworkPolicyIngressRule> ToIngress(AccessPolicy policy)
    {
        foreach (var rule in policy.Ingress)
        {
            var port = new V1NetworkPolicyPort
            {
                Protocol = rule.Protocol == AccessProtocol.Udp ? "UDP" : "TCP",
                Port = (int)rule.PortFrom,
                EndPort = rule.PortTo > rule.PortFrom ? (int)rule.PortTo : null,
            };
            yield return new V1NetworkPolicyIngressRule
            {
                FromProperty = [new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = rule.SourceCidr } }],
                Ports = [port],
            };
        }
    }

    /// <summary>
    /// The access policy a NetworkPolicy applies, as far as it can be told: null when it admits traffic no access rule
    /// can describe (pod or namespace selectors, named ports, SCTP, more than <see cref="MaxRules"/> rules).
    /// </summary>
    public static AccessPolicy? FromNetworkPolicy(V1NetworkPolicy policy)
    {
        var result = new AccessPolicy();
        foreach (var ingress in policy.Spec?.Ingress ?? [])
        {
            var sources = new List<string>();
            if (ingress.FromProperty is null || ingress.FromProperty.Count == 0)
            {
                sources.Add("0.0.0.0/0");
                sources.Add("::/0");
            }
            else
            {
                foreach (var peer in ingress.FromProperty)
                {
                    if (peer.IpBlock?.Cidr is not { } cidr || peer.PodSelector is not null || peer.NamespaceSelector is not null)
                    {
                        return null;
                    }

                    sources.Add(cidr);
                }
            }

            var ports = new List<(AccessProtocol Protocol, uint From, uint To)>();
            if (ingress.Ports is null || ingress.Ports.Count == 0)
            {
                ports.Add((AccessProtocol.Tcp, 1, 65535));
                ports.Add((AccessProtocol.Udp, 1, 65535));
            }
            else
            {
                foreach (var port in ingress.Ports)
                {
                    var protocol = port.Protocol switch
                    {
                        null or "TCP" => AccessProtocol.Tcp,
                        "UDP" => AccessProtocol.Udp,
                        _ => AccessProtocol.Unspecified,
                    };
                    if (protocol == AccessProtocol.Unspecified)
                    {
                        return null;
                    }

                    if (port.Port is null)
                    {
                        ports.Add((protocol, 1, 65535));
                        continue;
                    }

                    if (!int.TryParse(port.Port.Value, out int from) || from is < 1 or > 65535)
                    {
                        return null;
                    }

                    int to = port.EndPort ?? from;
                    ports.Add((protocol, (uint)from, (uint)Math.Clamp(to, from, 65535)));
                }
            }

            foreach (var source in sources)
            {
                foreach (var (protocol, from, to) in ports)
                {
                    if (result.Ingress.Count == MaxRules)
                    {
                        return null;
                    }

                    result.Ingress.Add(new AccessRule { Protocol = protocol, PortFrom = from, PortTo = to, SourceCidr = source });
                }
            }
        }

        return result;
    }

    /// <summary>True when the NetworkPolicy's pod selector selects pods with these labels (match expressions are not evaluated: such a policy does not count).</summary>
    public static bool Selects(V1NetworkPolicy policy, IDictionary<string, string>? podLabels)
    {
        var selector = policy.Spec?.PodSelector;
        if (selector?.MatchExpressions is { Count: > 0 })
        {
            return false;
        }

        foreach (var (key, value) in selector?.MatchLabels ?? new Dictionary<string, string>())
        {
            if (podLabels is null || !podLabels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        return true;
    }
}
