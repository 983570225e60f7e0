namespace CloudGov.ControlPlane.Tests.Domain;

public sealed class AccessPolicyTests
{
    [Test]
    public void Canonical_SameRulesInAnotherOrderAndSpelling_EqualPolicies()
    {
        var a = AccessPolicy.Canonical([new(AccessProtocol.Tcp, 443, 443, "10.1.2.3/8"), new(AccessProtocol.Tcp, 22, 22, "10.20.0.0/16")]);
        var b = AccessPolicy.Canonical([new(AccessProtocol.Tcp, 22, 22, "10.20.0.0/16"), new(AccessProtocol.Tcp, 443, 443, "10.0.0.0/8"), new(AccessProtocol.Tcp, 443, 443, "10.0.0.0/8")]);

        Assert.That(a, Is.EqualTo(b));
        Assert.That(a.Ingress.Select(r => r.SourceCidr), Is.EqualTo(new[] { "10.20.0.0/16", "10.0.0.0/8" }), "sorted by protocol and port, CIDRs as network addresses");
    }

    [Test]
    public void Equals_ADifferentPort_NotEqual() =>
        Assert.That(
            AccessPolicy.Canonical([new(AccessProtocol.Tcp, 443, 443, "10.0.0.0/8")]),
            Is.Not.EqualTo(AccessPolicy.Canonical([new(AccessProtocol.Tcp, 8443, 8443, "10.0.0.0/8")])));

    [TestCase(AccessProtocol.Tcp, 22, 22, "0.0.0.0/0", 22, true)]
    [TestCase(AccessProtocol.Tcp, 1, 65535, "::/0", 3389, true)]
    [TestCase(AccessProtocol.Tcp, 22, 22, "10.0.0.0/8", 22, false)]
    [TestCase(AccessProtocol.Udp, 22, 22, "0.0.0.0/0", 22, false)]
    [TestCase(AccessProtocol.Tcp, 80, 443, "0.0.0.0/0", 22, false)]
    public void OpensToInternet_ByProtocolPortAndSource(AccessProtocol protocol, int from, int to, string cidr, int port, bool expected) =>
        Assert.That(AccessPolicy.Canonical([new(protocol, from, to, cidr)]).OpensToInternet(port), Is.EqualTo(expected));

    [TestCase(AccessProtocol.Tcp, 0, 22, "10.0.0.0/8", "ports")]
    [TestCase(AccessProtocol.Tcp, 443, 22, "10.0.0.0/8", "ports")]
    [TestCase(AccessProtocol.Udp, 1, 65536, "10.0.0.0/8", "ports")]
    [TestCase(AccessProtocol.Icmp, 8, 8, "10.0.0.0/8", "ICMP")]
    [TestCase((AccessProtocol)9, 1, 1, "10.0.0.0/8", "not a protocol")]
    [TestCase(AccessProtocol.Tcp, 22, 22, "10.0.0.0", "CIDR")]
    [TestCase(AccessProtocol.Tcp, 22, 22, "10.0.0.0/33", "CIDR")]
    [TestCase(AccessProtocol.Tcp, 22, 22, "fe80::1%eth0/64", "CIDR")]
    [TestCase(AccessProtocol.Tcp, 22, 22, "example.org/8", "CIDR")]
    [TestCase(AccessProtocol.Tcp, 22, 22, "", "CIDR")]
    public void Problem_InvalidRule_SaysWhatToFix(AccessProtocol protocol, int from, int to, string cidr, string mentions) =>
        Assert.That(AccessPolicy.Problem(new(protocol, from, to, cidr)), Does.Contain(mentions));

    [Test]
    public void FromWire_AnInvalidRule_KeepsTheGivenOrderSoValidationNamesItsPosition()
    {
        var policy = AccessPolicy.FromWire([new(AccessProtocol.Tcp, 443, 443, "10.0.0.0/8"), new(AccessProtocol.Tcp, 22, 22, "bad")]);

        Assert.That(policy.Ingress[1].SourceCidr, Is.EqualTo("bad"));
    }
}
