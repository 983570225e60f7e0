using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Azure.Core;

namespace CloudGov.Agent.Providers.Azure;

/// <summary>
/// A workload's access policy as a network security group's rules (the <c>properties</c> of a
/// Microsoft.Network/networkSecurityGroups resource, written and read as a generic ARM resource), and the posture read
/// from those rules: which management ports the Internet reaches.
/// </summary>
internal static class NsgRules
{
    /// <summary>The ARM resource type.</summary>
    public static readonly ResourceType ResourceType = new("Microsoft.Network/networkSecurityGroups");

    /// <summary>The ARM resource type of a network interface (read to find the NSG of a VM that references its NIC).</summary>
    public static readonly ResourceType NicResourceType = new("Microsoft.Network/networkInterfaces");

    /// <summary>The first priority CloudGov's rules use (one per access rule, in order).</summary>
    public const int FirstPriority = 100;

    /// <summary>Source prefixes that mean the whole Internet.</summary>
    private static readonly string[] InternetSources = ["*", "0.0.0.0/0", "::/0", "Internet", "Any"];

    /// <summary>The NSG's <c>properties</c> for a policy: one inbound Allow rule per access rule; no policy, no custom rules.</summary>
    public static JsonObject Properties(AccessPolicy? policy)
    {
        var rules = new JsonArray();
        int i = 0;
        foreach (var rule in policy?.Ingress ?? [])
        {
            bool icmp = rule.Protocol == AccessProtocol.Icmp;
            rules.Add(new JsonObject
            {
                ["name"] = $"cloudgov-{i}",
                ["properties"] = new JsonObject
                {
                    ["description"] = "CloudGov access policy",
                    ["protocol"] = rule.Protocol switch { AccessProtocol.Udp => "Udp", AccessProtocol.Icmp => "Icmp", _ => "Tcp" },
                    ["sourceAddressPrefix"] = rule.SourceCidr,
                    ["sourcePortRange"] = "*",
                    ["destinationAddressPrefix"] = "*",
                    ["destinationPortRange"] = icmp ? "*" : rule.PortFrom == rule.PortTo
                        ? rule.PortFrom.ToString(CultureInfo.InvariantCulture)
                        : $"{rule.PortFrom}-{rule.PortTo}",
                    ["access"] = "Allow",
                    ["priority"] = FirstPriority + i,
                    ["direction"] = "Inbound",
                },
            });
            i++;
        }

        return new JsonObject { ["securityRules"] = rules };
    }

    /// <summary>
    /// The access policy an NSG applies, read from its custom rules: every inbound Allow rule as access rules (each
    /// source prefix × port range × protocol; <c>*</c>, <c>Internet</c> and <c>Any</c> as 0.0.0.0/0; <c>*</c> ports as
    /// 1-65535; protocol <c>*</c> as TCP and UDP). Service tags other than the Internet have no CIDR and are left out.
    /// Deny rules are not ingress the workload admits; Azure's default rules (deny from the Internet) are not read.
    /// </summary>
    public static AccessPolicy ReadPolicy(JsonNode? properties)
    {
        var policy = new AccessPolicy();
        var seen = new HashSet<(AccessProtocol, uint, uint, string)>();
        foreach (var rule in InboundAllowRules(properties))
        {
            foreach (var source in rule.Sources)
            {
                string? cidr = InternetSources.Contains(source, StringComparer.OrdinalIgnoreCase) ? "0.0.0.0/0" : AsCidr(source);
                if (cidr is null)
                {
                    continue;
                }

                foreach (var protocol in rule.Protocols)
                {
                    foreach (var (from, to) in protocol == AccessProtocol.Icmp ? [(0u, 0u)] : rule.Ports)
                    {
                        if (seen.Add((protocol, from, to, cidr)) && policy.Ingress.Count < 64)
                        {
                            policy.Ingress.Add(new AccessRule { Protocol = protocol, PortFrom = from, PortTo = to, SourceCidr = cidr });
                        }
                    }
                }
            }
        }

        return policy;
    }

    /// <summary>The given TCP ports that an inbound Allow rule opens to the whole Internet (0.0.0.0/0, ::/0, *, Internet).</summary>
    public static IEnumerable<int> InternetOpenPorts(JsonNode? properties, IReadOnlyList<int> ports)
    {
        foreach (var rule in InboundAllowRules(properties))
        {
            if (!rule.Sources.Any(s => InternetSources.Contains(s, StringComparer.OrdinalIgnoreCase)) || !rule.Protocols.Contains(AccessProtocol.Tcp))
            {
                continue;
            }

            foreach (int port in ports)
            {
                if (rule.Ports.Any(r => port >= r.From && port <= r.To))
                {
                    yield return port;
                }
            }
        }
    }

    private static IEnumerable<(string[] Sources, AccessProtocol[] Protocols, (uint From, uint To)[] Ports)> InboundAllowRules(JsonNode? properties)
    {
        if (properties?["securityRules"] is not JsonArray rules)
        {
            yield break;
        }

        foreach (var rule in rules)
        {
            var p = rule?["properties"];
            if (p is null || !Is(p["direction"], "Inbound") || !Is(p["access"], "Allow"))
            {
                continue;
            }

            var sources = Strings(p, "sourceAddressPrefix", "sourceAddressPrefixes");
            AccessProtocol[] protocols = (Text(p["protocol"]) ?? "*").ToLowerInvariant() switch
            {
                "tcp" => [AccessProtocol.Tcp],
                "udp" => [AccessProtocol.Udp],
                "icmp" => [AccessProtocol.Icmp],
                "*" => [AccessProtocol.Tcp, AccessProtocol.Udp],
                _ => [],
            };
            var ports = Strings(p, "destinationPortRange", "destinationPortRanges").Select(PortRange).OfType<(uint, uint)>().ToArray();
            yield return (sources, protocols, ports);
        }
    }

    private static string[] Strings(JsonNode p, string single, string many)
    {
        var values = new List<string>();
        if (Text(p[single]) is { Length: > 0 } s)
        {
            values.Add(s);
        }

        if (p[many] is JsonArray array)
        {
            values.AddRange(array.Select(Text).OfType<string>().Where(x => x.Length > 0));
        }

        return [.. values];
    }

    private static (uint, uint)? PortRange(string range)
    {
        if (range == "*")
        {
            return (1, 65535);
        }

        var parts = range.Split('-', 2);
        if (uint.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out uint from)
            && (parts.Length == 1 ? from : uint.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out uint t) ? t : 0) is uint to
            && from is >= 1 and <= 65535 && to >= from && to <= 65535)
        {
            return (from, to);
        }

        return null;
    }

    /// <summary>A prefix as a CIDR, unchanged when it is one already (so what was applied reads back the same), null for a service tag.</summary>
    private static string? AsCidr(string prefix)
    {
        var parts = prefix.Split('/', 2);
        if (!IPAddress.TryParse(parts[0], out var address))
        {
            return null;
        }

        int max = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32;
        if (parts.Length == 1)
        {
            return $"{prefix}/{max}";
        }

        return int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int length) && length <= max ? prefix : null;
    }

    private static bool Is(JsonNode? node, string expected) => Text(node)?.Equals(expected, StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>A JSON string's text; null for anything else (ARM JSON of unexpected shape is read as absent, never thrown on).</summary>
    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
