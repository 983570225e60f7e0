using System.Net;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using CloudGov.Agent.Providers.Aws;

namespace CloudGov.Agent.Aws.Tests;

/// <summary>The provider's pure parts: settings checked at start, security-group rules read as a policy, SDK errors classified.</summary>
public sealed class AwsRulesTests
{
    [Test]
    public void Validate_EmptyAndOutOfRangeSettings_EachProblemNamesItsKey()
    {
        var options = new AwsProviderOptions
        {
            Region = "",
            ServiceUrl = "ec2.example",
            InstanceTypes = new(StringComparer.Ordinal) { ["t3.large"] = new() { CpuMillicores = 0, MemoryMib = 8192 } },
            RetryMode = "Forever",
            MaxErrorRetry = 50,
            RequestTimeout = TimeSpan.Zero,
        };

        var result = new AwsProviderOptionsValidator().Validate(null, options);

        Assert.That(result.Failed, Is.True);
        foreach (var key in new[] { "Agent:Aws:Region", "Agent:Aws:ServiceUrl", "Agent:Aws:SubnetId", "Agent:Aws:ImageId", "Agent:Aws:InstanceTypes:t3.large", "Agent:Aws:Limits", "Agent:Aws:RetryMode", "Agent:Aws:MaxErrorRetry", "Agent:Aws:RequestTimeout" })
        {
            Assert.That(result.Failures, Has.Some.StartsWith(key), key);
        }
    }

    [Test]
    public void Read_AllTrafficGroupSourceAndOneIcmpType_ExpandedOrCannotTell()
    {
        var all = AwsAccessPolicies.Read([new IpPermission { IpProtocol = "-1", Ipv4Ranges = [new IpRange { CidrIp = "10.0.0.0/8" }] }]);
        var fromGroup = AwsAccessPolicies.Read([new IpPermission { IpProtocol = "tcp", FromPort = 443, ToPort = 443, UserIdGroupPairs = [new UserIdGroupPair { GroupId = "sg-1" }] }]);
        var echo = AwsAccessPolicies.Read([new IpPermission { IpProtocol = "icmp", FromPort = 8, ToPort = 0, Ipv4Ranges = [new IpRange { CidrIp = "10.0.0.0/8" }] }]);

        Assert.That(all!.Select(r => (r.Protocol, r.From, r.To)), Is.EquivalentTo(new[] { (AccessProtocol.Tcp, 1u, 65535u), (AccessProtocol.Udp, 1u, 65535u), (AccessProtocol.Icmp, 0u, 0u) }));
        Assert.That(fromGroup, Is.Null, "a group source is not a CIDR: cannot tell");
        Assert.That(echo, Is.Null, "one ICMP type is narrower than the policy's ICMP: cannot tell");
    }

    [Test]
    public void Problem_BadRules_NamesTheRule()
    {
        var policy = AwsZoneProviderTests.Policy((AccessProtocol.Tcp, 443, 443, "0.0.0.0/0"), (AccessProtocol.Tcp, 0, 22, "10.0.0.0/8"));
        var cidr = AwsZoneProviderTests.Policy((AccessProtocol.Udp, 53, 53, "10.0.0.0/33"));

        Assert.That(AwsAccessPolicies.Problem(policy), Does.StartWith("access rule 1 needs TCP/UDP with ports 1-65535"));
        Assert.That(AwsAccessPolicies.Problem(cidr), Does.StartWith("access rule 0 needs a source CIDR"));
        Assert.That(AwsAccessPolicies.Problem(AwsZoneProviderTests.Policy((AccessProtocol.Icmp, 0, 0, "::/0"))), Is.Null);
    }

    [Test]
    public void Classify_SdkExceptions_ClassAndCodeInTheReason()
    {
        var throttled = AwsErrors.Classify("DescribeInstances", new AmazonEC2Exception("Request limit exceeded.") { ErrorCode = "RequestLimitExceeded", StatusCode = HttpStatusCode.ServiceUnavailable });
        var denied = AwsErrors.Classify("RunInstances", new AmazonEC2Exception("not authorized") { ErrorCode = "UnauthorizedOperation", StatusCode = HttpStatusCode.Forbidden });
        var noCredentials = AwsErrors.Classify("DescribeInstances", new AmazonClientException("Failed to resolve AWS credentials."));
        var bug = AwsErrors.Classify("DescribeInstances", new NullReferenceException());

        Assert.That(throttled!.Message, Is.EqualTo("EC2 DescribeInstances: throttled (RequestLimitExceeded): Request limit exceeded."));
        Assert.That(denied!.Message, Does.StartWith("EC2 RunInstances: authentication failed (UnauthorizedOperation)"));
        Assert.That(noCredentials!.ErrorClass, Is.EqualTo("authentication"));
        Assert.That(bug, Is.Null, "what is not an API failure is not turned into a degraded zone");
    }

    [Test]
    public void ClientToken_SameCommandSameTokenAnotherCommandAnother_AtMost64Characters()
    {
        var token = AwsZoneProvider.ClientToken("nn-dsj-ywtb-01", "place-1");

        Assert.That(token, Has.Length.LessThanOrEqualTo(64));
        Assert.That(AwsZoneProvider.ClientToken("nn-dsj-ywtb-01", "place-1"), Is.EqualTo(token));
        Assert.That(AwsZoneProvider.ClientToken("nn-dsj-ywtb-01", "place-2"), Is.Not.EqualTo(token));
        Assert.That(AwsZoneProvider.GroupName(new string('业', 128)), Does.Match("^cloudgov-wl-[0-9a-f]{32}$"), "EC2 group names are ASCII");
    }
}
