using System.Text.Json.Nodes;
using CloudGov.Agent.Providers.Azure;

namespace CloudGov.Agent.Azure.Tests;

/// <summary>Access policy ↔ NSG rules, pure.</summary>
public sealed class NsgRulesTests
{
    [Test]
    public void ReadPolicy_RulesWrittenForAPolicy_TheSamePolicyBack()
    {
        var policy = new AccessPolicy
        {
            Ingress =
            {
                new AccessRule { Protocol = AccessProtocol.Tcp, PortFrom = 8000, PortTo = 8080, SourceCidr = "10.0.0.0/8" },
                new AccessRule { Protocol = AccessProtocol.Icmp, PortFrom = 0, PortTo = 0, SourceCidr = "192.168.1.0/24" },
                new AccessRule { Protocol = AccessProtocol.Udp, PortFrom = 53, PortTo = 53, SourceCidr = "2001:db8::/32" },
            },
        };

        var back = NsgRules.ReadPolicy(JsonNode.Parse(NsgRules.Properties(policy).ToJsonString()));

        Assert.That(back.Ingress, Is.EquivalentTo(policy.Ingress));
    }

    [Test]
    public void ReadPolicy_PluralPrefixesAndRangesAndServiceTags_EveryCombinationWithACidr()
    {
        var properties = JsonNode.Parse("""
            {"securityRules":[{"name":"multi","properties":{"protocol":"Tcp","sourceAddressPrefixes":["10.1.0.0/16","VirtualNetwork","172.16.5.4"],
              "destinationPortRanges":["443","8443-8444"],"access":"Allow","direction":"Inbound","priority":300}},
              {"name":"odd","properties":{"protocol":7,"sourceAddressPrefix":["x"],"access":"Allow","direction":"Inbound"}}]}
            """);

        var policy = NsgRules.ReadPolicy(properties);

        Assert.That(policy.Ingress.Select(r => $"{r.SourceCidr}:{r.PortFrom}-{r.PortTo}"), Is.EquivalentTo(new[]
        {
            "10.1.0.0/16:443-443", "10.1.0.0/16:8443-8444", "172.16.5.4/32:443-443", "172.16.5.4/32:8443-8444",
        }), "VirtualNetwork has no CIDR; a rule of unexpected shape admits nothing and throws nothing");
    }

    [Test]
    public void InternetOpenPorts_RangesAndSources_OnlyTcpAllowInboundFromTheWholeInternet()
    {
        var properties = JsonNode.Parse("""
            {"securityRules":[
              {"name":"a","properties":{"protocol":"*","sourceAddressPrefix":"Internet","destinationPortRange":"20-25","access":"Allow","direction":"Inbound"}},
              {"name":"b","properties":{"protocol":"Udp","sourceAddressPrefix":"*","destinationPortRange":"3389","access":"Allow","direction":"Inbound"}},
              {"name":"c","properties":{"protocol":"Tcp","sourceAddressPrefix":"10.0.0.0/8","destinationPortRange":"3389","access":"Allow","direction":"Inbound"}},
              {"name":"d","properties":{"protocol":"Tcp","sourceAddressPrefix":"::/0","destinationPortRange":"*","access":"Deny","direction":"Inbound"}}]}
            """);

        Assert.That(NsgRules.InternetOpenPorts(properties, [22, 3389]), Is.EqualTo(new[] { 22 }));
    }
}
