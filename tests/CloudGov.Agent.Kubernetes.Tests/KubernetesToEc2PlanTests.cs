using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using CloudGov.Agent.Kubernetes.Tests.Fake;
using CloudGov.Proto.Operations.V1;
using CloudGov.Testing.Identity;

namespace CloudGov.Agent.Kubernetes.Tests;

/// <summary>
/// End to end: a real control plane, a Kubernetes zone (the fake API server) that runs hot and an EC2 zone (moto) with
/// room, each with its real agent over mutual TLS. The rebalance plan moves the workload from Kubernetes to EC2
/// make-before-break (the EC2 instance runs before the Deployment is deleted), the ledger keeps its intent, and the
/// access policy arrives as the instance's security group.
/// </summary>
[NonParallelizable]
public sealed class KubernetesToEc2PlanTests
{
    private const string K8sZone = "gx-k8s-hot";
    private const string Ec2Zone = "gx-ec2-cold";
    private static readonly BasicAWSCredentials Keys = new("AKIATESTCLOUDGOV0002", "moto-accepts-any-secret");

    [Test]
    public async Task ApprovedPlan_KubernetesToEc2_MakeBeforeBreakWithIntentAndAccessPolicyCarried()
    {
        using var moto = await MotoProcess.StartAsync();
        using var ec2 = new AmazonEC2Client(Keys, new AmazonEC2Config { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
        var subnet = (await ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest { Filters = [new Filter("default-for-az", ["true"])] })).Subnets.OrderBy(s => s.AvailabilityZone, StringComparer.Ordinal).First();
        string image = (await ec2.DescribeImagesAsync(new DescribeImagesRequest())).Images.OrderBy(i => i.ImageId, StringComparer.Ordinal).First().ImageId;
        // A compliant EC2 zone: the baseline's encryption-at-rest rule reads EBS encryption by default (moto starts with it off).
        await ec2.EnableEbsEncryptionByDefaultAsync(new EnableEbsEncryptionByDefaultRequest());
        await using var api = await FakeCluster.StartAsync();
        var settings = ControlPlaneProcess.FastPlanSettings();
        // The workload was placed moments ago; the balancing cooldown (6 h by default) would keep it where it is.
        settings["CloudGov:Scheduling:Rebalance:Cooldown"] = "00:00:00";
        await using var controlPlane = await ControlPlaneProcess.StartAsync(settings);
        var k8sSettings = KubernetesAgentTests.Settings(controlPlane, api, K8sZone);
        k8sSettings["Agent:Zone:Labels:cloudgov.io/target-utilization"] = "0.5";
        await using var k8sAgent = await AgentProcess.StartAsync(k8sSettings);
        var operations = new OperationsService.OperationsServiceClient(controlPlane.Channel);
        await Eventually.HoldsAsync(
            async () => (await operations.ListZonesAsync(new ListZonesRequest { Status = ZoneStatus.Ready })).Zones.Any(z => z.ZoneId == K8sZone),
            "the Kubernetes zone to report Ready");

        // Placed while Kubernetes is the only zone: 32 GiB of its 45,965 MiB allocatable memory (0.71 > its 0.5 target).
        var request = new PlaceWorkloadRequest
        {
            WorkloadId = "nn-dsj-ywtb-move-01",
            TenantId = "nn-dsj",
            System = "一网通办",
            Requests = new ResourceVector { CpuMillicores = 4000, MemoryMib = 32_768, StorageGib = 100 },
            MlpsLevel = MlpsLevel._3,
            NetworkPlane = NetworkPlane.EgovExtranet,
            AllowedRegions = { "4501" },
            Project = "数字政府二期",
            Priority = 10,
            AccessPolicy = new AccessPolicy
            {
                Ingress =
                {
                    new AccessRule { Protocol = AccessProtocol.Tcp, PortFrom = 443, PortTo = 443, SourceCidr = "10.0.0.0/8" },
                    new AccessRule { Protocol = AccessProtocol.Tcp, PortFrom = 8000, PortTo = 8080, SourceCidr = "192.168.0.0/16" },
                },
            },
        };
        Assert.That((await operations.PlaceWorkloadAsync(request)).ZoneId, Is.EqualTo(K8sZone));
        await Eventually.HoldsAsync(
            async () => (await operations.GetZoneAsync(new GetZoneRequest { ZoneId = K8sZone })).Workloads.Any(w => w.WorkloadId == request.WorkloadId && w.State == "Running"),
            "the workload to run in the Kubernetes zone");
        var intentBefore = (await operations.GetWorkloadAsync(new GetWorkloadRequest { WorkloadId = request.WorkloadId })).Workload.Intent;

        // The EC2 zone joins with room for it.
        await using var ec2Agent = await AgentProcess.StartAsync(Ec2Settings(controlPlane, moto, subnet.SubnetId, image));
        await Eventually.HoldsAsync(
            async () => (await operations.ListZonesAsync(new ListZonesRequest { Status = ZoneStatus.Ready })).Zones.Any(z => z.ZoneId == Ec2Zone && z.Provider == ProviderKind.AwsEc2),
            "the EC2 zone to report Ready");

        // Make-before-break: when the source Deployment is deleted, the target instance must already be running in moto.
        var deletedWhileTargetRan = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        api.BeforeDelete = (kind, name) =>
        {
            if (kind == "deployments" && name == request.WorkloadId)
            {
                var running = ec2.DescribeInstancesAsync(new DescribeInstancesRequest
                {
                    Filters = [new Filter("tag:cloudgov:workload-id", [request.WorkloadId]), new Filter("instance-state-name", ["running"])],
                }).GetAwaiter().GetResult().Reservations.SelectMany(r => r.Instances).Any();
                deletedWhileTargetRan.TrySetResult(running);
            }
        };
        var proposed = (await operations.ProposeRebalanceAsync(new ProposeRebalanceRequest())).Plan!;
        Assert.That(proposed.Moves.Select(m => (m.WorkloadId, m.FromZoneId, m.ToZoneId)), Is.EqualTo(new[] { (request.WorkloadId, K8sZone, Ec2Zone) }));
        await operations.ApprovePlanAsync(new ApprovePlanRequest { PlanId = proposed.PlanId, Reason = "变更窗口: 容器集群扩容前迁出" }, TestTokens.As("张工"));
        await Eventually.HoldsAsync(
            async () => (await operations.GetPlanAsync(new GetPlanRequest { PlanId = proposed.PlanId })).Plan.State is PlanState.Completed or PlanState.PartiallyFailed or PlanState.Cancelled,
            "the plan to end",
            TimeSpan.FromSeconds(60));
        var done = (await operations.GetPlanAsync(new GetPlanRequest { PlanId = proposed.PlanId })).Plan;

        Assert.That(done.State, Is.EqualTo(PlanState.Completed), string.Join("; ", done.Moves.Select(m => $"{m.WorkloadId} {m.State}: {m.Message}")));
        Assert.That(await deletedWhileTargetRan.Task.WaitAsync(TimeSpan.FromSeconds(30)), Is.True, "the EC2 instance ran before the Deployment was deleted");
        Assert.That(api.Deployment(FakeCluster.Namespace, request.WorkloadId), Is.Null, "the source Deployment is gone");
        Assert.That(api.NetworkPolicy(FakeCluster.Namespace, request.WorkloadId), Is.Null, "and its NetworkPolicy");
        var moved = await Eventually.ReturnsAsync(
            async () => (await operations.GetZoneAsync(new GetZoneRequest { ZoneId = Ec2Zone })).Workloads.FirstOrDefault(w => w.WorkloadId == request.WorkloadId),
            w => w is { State: "Running" },
            "the workload to be reported Running in the EC2 zone");
        Assert.That(moved!.AccessPolicy?.Ingress, Is.EquivalentTo(request.AccessPolicy.Ingress), "the access policy, read back from the instance's security group");
        Assert.That(moved.Labels, Does.ContainKey("cloudgov.io/project").WithValue("数字政府二期"));
        Assert.That(moved.Labels, Does.ContainKey("cloudgov.io/tenant").WithValue("nn-dsj"));
        var record = await Eventually.ReturnsAsync(
            async () => (await operations.GetWorkloadAsync(new GetWorkloadRequest { WorkloadId = request.WorkloadId })).Workload,
            w => w.ZoneId == Ec2Zone && w.Observed.Count == 1,
            "the ledger to place the workload in the EC2 zone only");
        Assert.That(record.Managed, Is.True);
        Assert.That(record.Intent, Is.EqualTo(intentBefore), "the ledger's intent is unchanged by the move");
        Assert.That(record.Intent.AccessPolicy.Ingress, Is.EquivalentTo(request.AccessPolicy.Ingress));
        Assert.That((await operations.GetZoneAsync(new GetZoneRequest { ZoneId = K8sZone })).Workloads.Select(w => w.WorkloadId), Does.Not.Contain(request.WorkloadId));
    }

    private static Dictionary<string, string?> Ec2Settings(ControlPlaneProcess controlPlane, MotoProcess moto, string subnetId, string imageId)
    {
        string profiles = Path.Combine(Path.GetTempPath(), "cloudgov-tests", $"aws-{Guid.NewGuid():N}.ini");
        Directory.CreateDirectory(Path.GetDirectoryName(profiles)!);
        File.WriteAllText(profiles, $"[cloudgov-moto]\naws_access_key_id = {Keys.GetCredentials().AccessKey}\naws_secret_access_key = {Keys.GetCredentials().SecretKey}\n");
        var settings = AgentProcess.ZoneSettings(controlPlane.AgentAddress, Ec2Zone);
        settings["Agent:Zone:RegionCode"] = "450102";
        settings["Agent:Provider"] = "Aws";
        AgentProcess.DeclareCompliantPosture(settings);
        settings["Agent:Aws:Region"] = "us-east-1";
        settings["Agent:Aws:ServiceUrl"] = moto.Endpoint.ToString();
        settings["Agent:Aws:Profile"] = "cloudgov-moto";
        settings["Agent:Aws:ProfilesLocation"] = profiles;
        settings["Agent:Aws:SubnetId"] = subnetId;
        settings["Agent:Aws:ImageId"] = imageId;
        settings["Agent:Aws:MaxErrorRetry"] = "2";
        settings["Agent:Aws:RequestTimeout"] = "00:00:05";
        settings["Agent:Aws:InstanceTypes:m5.xlarge:CpuMillicores"] = "4000";
        settings["Agent:Aws:InstanceTypes:m5.xlarge:MemoryMib"] = "16384";
        settings["Agent:Aws:InstanceTypes:m5.xlarge:StorageGib"] = "100";
        settings["Agent:Aws:InstanceTypes:r5.2xlarge:CpuMillicores"] = "8000";
        settings["Agent:Aws:InstanceTypes:r5.2xlarge:MemoryMib"] = "65536";
        settings["Agent:Aws:InstanceTypes:r5.2xlarge:StorageGib"] = "200";
        settings["Agent:Aws:Limits:CpuMillicores"] = "64000";
        settings["Agent:Aws:Limits:MemoryMib"] = "262144";
        settings["Agent:Aws:Limits:StorageGib"] = "4000";
        return settings;
    }
}
