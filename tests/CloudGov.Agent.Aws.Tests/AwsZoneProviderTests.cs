using Amazon.EC2;
using Amazon.EC2.Model;
using CloudGov.Agent.Providers.Aws;

namespace CloudGov.Agent.Aws.Tests;

/// <summary>The AWS provider against moto: inventory, posture, place and remove as EC2 sees them.</summary>
[NonParallelizable]
public sealed class AwsZoneProviderTests
{
    private MotoZone _zone = null!;
    private AwsZoneProvider _provider = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _zone = await MotoZone.CreateAsync();
        _provider = _zone.Provider();
    }

    [TearDown]
    public void TearDown()
    {
        _provider.Dispose();
        _zone.Dispose();
    }

    public static Command Place(string workloadId, string commandId = "place-1", AccessPolicy? policy = null, long cpu = 1000, long memory = 4096)
    {
        var spec = new WorkloadSpec
        {
            WorkloadId = workloadId,
            TenantId = "nn-dsj",
            System = "一网通办",
            Requests = new ResourceVector { CpuMillicores = cpu, MemoryMib = memory, StorageGib = 10 },
            MlpsLevel = MlpsLevel._3,
            AccessPolicy = policy,
        };
        spec.Labels.Add("cloudgov.io/tenant", "nn-dsj");
        spec.Labels.Add("cloudgov.io/system", "一网通办");
        spec.Labels.Add("cloudgov.io/mlps-level", "3");
        spec.Labels.Add("cloudgov.io/project", "数字政府二期");
        spec.Labels.Add("app", "one-stop-service");
        return new Command { CommandId = commandId, Kind = CommandKind.Place, Workload = spec };
    }

    public static Command Remove(string workloadId, string commandId = "remove-1") =>
        new() { CommandId = commandId, Kind = CommandKind.Remove, Workload = new WorkloadSpec { WorkloadId = workloadId, TenantId = "nn-dsj" } };

    public static AccessPolicy Policy(params (AccessProtocol Protocol, uint From, uint To, string Cidr)[] rules)
    {
        var policy = new AccessPolicy();
        policy.Ingress.AddRange(rules.Select(r => new AccessRule { Protocol = r.Protocol, PortFrom = r.From, PortTo = r.To, SourceCidr = r.Cidr }));
        return policy;
    }

    [Test]
    public async Task ObserveAsync_TaggedAndUntaggedInstances_OnlyCloudGovsAreWorkloadsWithRequestsFromTheirType()
    {
        await RunAsync("t3.large", [new Tag("cloudgov.io/tenant", "gx-gat"), new Tag("cloudgov.io/system", "电子证照"), new Tag("cloudgov.io/mlps-level", "2"), new Tag("env", "prod")]);
        await RunAsync("t3.small", [new Tag("Name", "someone-elses-vm")]);

        var observation = await _provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.That(observation.Degraded, Is.False);
        Assert.That(observation.Capacity, Is.EqualTo(new ResourceVector { CpuMillicores = 10_000, MemoryMib = 40_960, StorageGib = 1000 }), "capacity is the configured limits");
        Assert.That(observation.Workloads, Has.Count.EqualTo(1), "only the instance with CloudGov's tags is a workload");
        var w = observation.Workloads[0];
        Assert.That(w.WorkloadId, Does.StartWith("i-"), "an adopted instance is known by its instance id");
        Assert.That(w.TenantId, Is.EqualTo("gx-gat"));
        Assert.That(w.System, Is.EqualTo("电子证照"));
        Assert.That(w.MlpsLevel, Is.EqualTo(MlpsLevel._2));
        Assert.That(w.State, Is.EqualTo(WorkloadState.Running));
        Assert.That(w.Requests, Is.EqualTo(new ResourceVector { CpuMillicores = 2000, MemoryMib = 8192, StorageGib = 50 }), "t3.large's configured resources");
        Assert.That(w.Usage, Is.EqualTo(new ResourceVector()), "EC2 gives no utilization without CloudWatch: not measured, reported as 0");
        Assert.That(w.Labels, Does.ContainKey("env").WithValue("prod"));
        Assert.That(w.Labels, Does.ContainKey("cloudgov.io/tenant").WithValue("gx-gat"));
    }

    [Test]
    public async Task ObserveAsync_EncryptionTurnedOnAndAWorldOpenSshGroupAttached_PostureFactsChange()
    {
        var before = Facts(await _provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None));
        Assert.That(before["storage.encryption_at_rest"], Is.EqualTo("disabled"), "moto's accounts start without EBS encryption by default");
        Assert.That(before["aws.ebs_encryption_by_default"], Is.EqualTo("false"));
        Assert.That(before["network.world_open_ports"], Is.EqualTo("none"));
        Assert.That(before["aws.sg_world_open_ssh"], Is.EqualTo("none"));
        Assert.That(before["aws.imdsv2_required"], Is.EqualTo("true"), "no instance accepts IMDSv1");

        await _zone.Ec2.EnableEbsEncryptionByDefaultAsync(new EnableEbsEncryptionByDefaultRequest());
        var open = await _zone.Ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest { GroupName = "legacy-admin", Description = "legacy", VpcId = _zone.VpcId });
        await _zone.Ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
        {
            GroupId = open.GroupId,
            IpPermissions =
            [
                new IpPermission { IpProtocol = "tcp", FromPort = 22, ToPort = 22, Ipv4Ranges = [new IpRange { CidrIp = "0.0.0.0/0" }] },
                new IpPermission { IpProtocol = "tcp", FromPort = 3389, ToPort = 3389, Ipv6Ranges = [new Ipv6Range { CidrIpv6 = "::/0" }] },
                new IpPermission { IpProtocol = "tcp", FromPort = 5432, ToPort = 5432, Ipv4Ranges = [new IpRange { CidrIp = "10.0.0.0/8" }] },
            ],
        });
        await RunAsync("t3.small", [new Tag("cloudgov.io/tenant", "gx-gat")], groupId: open.GroupId, imdsV2: false);

        var after = Facts(await _provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None));

        Assert.That(after["storage.encryption_at_rest"], Is.EqualTo("enabled"));
        Assert.That(after["aws.ebs_encryption_by_default"], Is.EqualTo("true"));
        Assert.That(after["network.world_open_ports"], Is.EqualTo("22,3389"), "5432 is open to 10.0.0.0/8 only");
        Assert.That(after["aws.sg_world_open_ssh"], Is.EqualTo(open.GroupId));
        Assert.That(after["aws.sg_world_open_rdp"], Is.EqualTo(open.GroupId));
        Assert.That(after["aws.imdsv2_required"], Is.EqualTo("false"));
        Assert.That(after["aws.imdsv1_instances"], Is.EqualTo("1"));
        Assert.That(after["aws.workloads_without_own_security_group"], Is.EqualTo("1"), "the adopted instance shares a group");
    }

    [Test]
    public async Task ExecuteAsync_Place_InstanceTaggedWithIntentInItsOwnGroupWithThePolicyAndImdsV2Required()
    {
        var policy = Policy((AccessProtocol.Tcp, 443, 443, "0.0.0.0/0"), (AccessProtocol.Tcp, 22, 22, "10.20.0.0/16"), (AccessProtocol.Udp, 5000, 5100, "2001:db8::/32"));

        var result = await _provider.ExecuteAsync(Place("nn-dsj-ywtb-01", policy: policy), CancellationToken.None);

        Assert.That(result.Succeeded, Is.True, result.Message);
        var instance = (await _zone.LiveInstancesAsync()).Single();
        var tags = instance.Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.That(tags["cloudgov:workload-id"], Is.EqualTo("nn-dsj-ywtb-01"));
        Assert.That(tags["cloudgov.io/project"], Is.EqualTo("数字政府二期"));
        Assert.That(tags["app"], Is.EqualTo("one-stop-service"));
        Assert.That(instance.InstanceType.Value, Is.EqualTo("t3.large"), "the smallest configured type with 1 core and 4 GiB");
        Assert.That(instance.SubnetId, Is.EqualTo(_zone.SubnetId));
        Assert.That(instance.ImageId, Is.EqualTo(_zone.ImageId));
        Assert.That(instance.MetadataOptions?.HttpTokens?.Value, Is.EqualTo("required"));
        var group = (await _zone.Ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { GroupIds = [instance.SecurityGroups.Single().GroupId] })).SecurityGroups.Single();
        Assert.That(group.GroupName, Is.EqualTo(AwsZoneProvider.GroupName("nn-dsj-ywtb-01")));
        Assert.That(group.IpPermissions.Select(p => $"{p.IpProtocol}:{p.FromPort}-{p.ToPort}:{string.Join(",", (p.Ipv4Ranges ?? []).Select(r => r.CidrIp).Concat((p.Ipv6Ranges ?? []).Select(r => r.CidrIpv6)))}"),
            Is.EquivalentTo(new[] { "tcp:443-443:0.0.0.0/0", "tcp:22-22:10.20.0.0/16", "udp:5000-5100:2001:db8::/32" }));

        var observed = (await _provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None)).Workloads.Single();
        Assert.That(observed.WorkloadId, Is.EqualTo("nn-dsj-ywtb-01"));
        Assert.That(observed.TenantId, Is.EqualTo("nn-dsj"));
        Assert.That(observed.System, Is.EqualTo("一网通办"));
        Assert.That(observed.MlpsLevel, Is.EqualTo(MlpsLevel._3));
        Assert.That(observed.State, Is.EqualTo(WorkloadState.Running));
        Assert.That(observed.Labels.Keys, Is.EquivalentTo(new[] { "cloudgov.io/tenant", "cloudgov.io/system", "cloudgov.io/mlps-level", "cloudgov.io/project", "app" }), "bookkeeping tags are not labels");
        Assert.That(observed.AccessPolicy.Ingress, Is.EquivalentTo(policy.Ingress), "the policy read back from the security group");
    }

    [Test]
    public async Task ExecuteAsync_PlaceAgainAndWithAnotherCommand_OneInstanceAndTheGroupFollowsTheNewPolicy()
    {
        var first = Policy((AccessProtocol.Tcp, 443, 443, "0.0.0.0/0"), (AccessProtocol.Tcp, 8080, 8080, "10.0.0.0/8"));
        var second = Policy((AccessProtocol.Tcp, 443, 443, "0.0.0.0/0"), (AccessProtocol.Icmp, 0, 0, "10.0.0.0/8"));
        Assert.That((await _provider.ExecuteAsync(Place("nn-dsj-idem", "place-a", first), CancellationToken.None)).Succeeded, Is.True);

        var again = await _provider.ExecuteAsync(Place("nn-dsj-idem", "place-a", first), CancellationToken.None);
        var other = await _provider.ExecuteAsync(Place("nn-dsj-idem", "place-b", second), CancellationToken.None);

        Assert.That(again.Succeeded && other.Succeeded, Is.True, again.Message + other.Message);
        Assert.That(await _zone.LiveInstancesAsync(), Has.Count.EqualTo(1), "a workload is placed once, whatever the command");
        var observed = (await _provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None)).Workloads.Single();
        Assert.That(observed.AccessPolicy.Ingress, Is.EquivalentTo(second.Ingress), "8080 revoked, ICMP authorized");
    }

    [Test]
    public async Task ExecuteAsync_Remove_InstanceTerminatedItsGroupDeletedAndRemovingAgainSucceeds()
    {
        Assert.That((await _provider.ExecuteAsync(Place("nn-dsj-gone", policy: Policy((AccessProtocol.Tcp, 443, 443, "0.0.0.0/0"))), CancellationToken.None)).Succeeded, Is.True);

        var removed = await _provider.ExecuteAsync(Remove("nn-dsj-gone"), CancellationToken.None);
        var again = await _provider.ExecuteAsync(Remove("nn-dsj-gone", "remove-2"), CancellationToken.None);

        Assert.That(removed.Succeeded && again.Succeeded, Is.True, removed.Message + again.Message);
        Assert.That(await _zone.LiveInstancesAsync(), Is.Empty);
        var groups = await _zone.Ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { Filters = [new Filter("group-name", [AwsZoneProvider.GroupName("nn-dsj-gone")])] });
        Assert.That(groups.SecurityGroups ?? [], Is.Empty, "the workload's group goes with it");
        Assert.That((await _provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None)).Workloads, Is.Empty);
    }

    [Test]
    public async Task ExecuteAsync_PlaceBeyondTheLimitsOrAnyType_FailsSayingWhyAndStartsNothing()
    {
        Assert.That((await _provider.ExecuteAsync(Place("big-1", "p1", cpu: 4000, memory: 16384), CancellationToken.None)).Succeeded, Is.True);
        Assert.That((await _provider.ExecuteAsync(Place("big-2", "p2", cpu: 4000, memory: 16384), CancellationToken.None)).Succeeded, Is.True);

        var over = await _provider.ExecuteAsync(Place("big-3", "p3", cpu: 4000, memory: 16384), CancellationToken.None);
        var huge = await _provider.ExecuteAsync(Place("huge", "p4", cpu: 64000, memory: 16384), CancellationToken.None);

        Assert.That(over.Succeeded, Is.False);
        Assert.That(over.Message, Does.Contain("exceed the zone's limits"));
        Assert.That(huge.Succeeded, Is.False);
        Assert.That(huge.Message, Does.Contain("no instance type that covers"));
        Assert.That(await _zone.LiveInstancesAsync(), Has.Count.EqualTo(2));
    }

    private async Task RunAsync(string type, List<Tag> tags, string? groupId = null, bool imdsV2 = true)
    {
        var request = new RunInstancesRequest
        {
            ImageId = _zone.ImageId,
            InstanceType = InstanceType.FindValue(type),
            MinCount = 1,
            MaxCount = 1,
            SubnetId = _zone.SubnetId,
            MetadataOptions = new InstanceMetadataOptionsRequest { HttpTokens = imdsV2 ? HttpTokensState.Required : HttpTokensState.Optional },
            TagSpecifications = [new TagSpecification { ResourceType = ResourceType.Instance, Tags = tags }],
        };
        if (groupId is not null)
        {
            request.SecurityGroupIds = [groupId];
        }

        await _zone.Ec2.RunInstancesAsync(request);
    }

    private static Dictionary<string, string> Facts(Providers.ZoneObservation observation) => observation.Posture.ToDictionary(f => f.Key, f => f.Value);
}
