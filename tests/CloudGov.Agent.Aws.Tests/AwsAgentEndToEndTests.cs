using Amazon.EC2.Model;
using CloudGov.Agent.Providers;
using CloudGov.Proto.Operations.V1;

namespace CloudGov.Agent.Aws.Tests;

/// <summary>
/// A real control plane and the agent host with <c>Agent:Provider=Aws</c> over mutual TLS (its zone certificate),
/// credentials from a shared-credentials profile: PlaceWorkload lands an instance in moto and the zone reports it
/// Running with its intent labels and access policy; EC2 unreachable shows as a Degraded zone with the reason.
/// </summary>
[NonParallelizable]
public sealed class AwsAgentEndToEndTests
{
    private static readonly Dictionary<string, string?> FastZones = new()
    {
        ["Zones:ReportInterval"] = "00:00:00.300",
        ["Zones:StalenessWindow"] = "00:00:10",
        ["Zones:StateFlushInterval"] = "00:00:00.500",
        ["Zones:IndexPublishInterval"] = "00:00:00.200",
        ["Zones:CommandPollInterval"] = "00:00:00.050",
    };

    private string _profiles = null!;

    [SetUp]
    public void WriteProfile()
    {
        _profiles = Path.Combine(Path.GetTempPath(), $"cloudgov-aws-{Guid.NewGuid():N}.ini");
        File.WriteAllText(_profiles, $"[cloudgov-moto]\naws_access_key_id = {MotoServer.Credentials.GetCredentials().AccessKey}\naws_secret_access_key = {MotoServer.Credentials.GetCredentials().SecretKey}\n");
    }

    [TearDown]
    public void DeleteProfile() => File.Delete(_profiles);

    [Test]
    public async Task PlaceWorkload_AwsAgentOverMutualTls_InstanceInMotoReportedRunningWithIntentAndAccessPolicy()
    {
        using var zone = await MotoZone.CreateAsync();
        await zone.Ec2.EnableEbsEncryptionByDefaultAsync(new EnableEbsEncryptionByDefaultRequest());
        await using var controlPlane = await ControlPlaneProcess.StartAsync(FastZones);
        await using var agent = await AgentProcess.StartAsync(Settings(controlPlane, zone, "gx-aws-e2e", MotoServer.Endpoint.ToString()));
        var operations = new OperationsService.OperationsServiceClient(controlPlane.Channel);
        await Eventually.HoldsAsync(
            async () => (await operations.ListZonesAsync(new ListZonesRequest { Status = ZoneStatus.Ready })).Zones.Any(z => z.ZoneId == "gx-aws-e2e" && z.Provider == ProviderKind.AwsEc2),
            "the AWS zone to report Ready");
        var request = new PlaceWorkloadRequest
        {
            WorkloadId = "nn-dsj-ywtb-aws-01",
            TenantId = "nn-dsj",
            System = "一网通办",
            Requests = new ResourceVector { CpuMillicores = 2000, MemoryMib = 8192, StorageGib = 50 },
            MlpsLevel = MlpsLevel._3,
            NetworkPlane = NetworkPlane.EgovExtranet,
            AllowedRegions = { "4501" },
            Project = "数字政府二期",
            AccessPolicy = AwsZoneProviderTests.Policy((AccessProtocol.Tcp, 443, 443, "0.0.0.0/0"), (AccessProtocol.Tcp, 22, 22, "10.20.0.0/16")),
        };
        request.Labels.Add("app", "one-stop-service");

        var placed = await operations.PlaceWorkloadAsync(request);

        Assert.That(placed.ZoneId, Is.EqualTo("gx-aws-e2e"));
        var workload = await Eventually.ReturnsAsync(
            async () => (await operations.GetZoneAsync(new GetZoneRequest { ZoneId = "gx-aws-e2e" })).Workloads.FirstOrDefault(w => w.WorkloadId == request.WorkloadId),
            w => w is { State: "Running" },
            $"workload {request.WorkloadId} to be reported Running in the AWS zone");
        Assert.That(workload!.TenantId, Is.EqualTo("nn-dsj"));
        Assert.That(workload.Requests, Is.EqualTo(request.Requests), "t3.large's configured resources, the smallest type that covers the request");
        Assert.That(workload.Labels, Does.ContainKey("cloudgov.io/project").WithValue("数字政府二期"));
        Assert.That(workload.Labels, Does.ContainKey("cloudgov.io/tenant").WithValue("nn-dsj"));
        Assert.That(workload.Labels, Does.ContainKey("app").WithValue("one-stop-service"));
        Assert.That(workload.AccessPolicy?.Ingress, Is.EquivalentTo(request.AccessPolicy.Ingress), "read back from the instance's security group");
        var instance = (await zone.LiveInstancesAsync()).Single();
        Assert.That(instance.Tags.Single(t => t.Key == "cloudgov:workload-id").Value, Is.EqualTo(request.WorkloadId));
        Assert.That(instance.MetadataOptions.HttpTokens.Value, Is.EqualTo("required"));
    }

    [Test]
    public async Task AwsAgent_Ec2Unreachable_ZoneDegradedWithTheReasonInListZonesGetZoneAndMetrics()
    {
        using var zone = await MotoZone.CreateAsync();
        await using var controlPlane = await ControlPlaneProcess.StartAsync(FastZones);
        var settings = Settings(controlPlane, zone, "gx-aws-down", $"http://127.0.0.1:{FreePort.Next()}/");
        settings["Agent:Aws:MaxErrorRetry"] = "0";
        await using var agent = await AgentProcess.StartAsync(settings);
        var operations = new OperationsService.OperationsServiceClient(controlPlane.Channel);

        var listed = await Eventually.ReturnsAsync(
            async () => (await operations.ListZonesAsync(new ListZonesRequest())).Zones.FirstOrDefault(z => z.ZoneId == "gx-aws-down"),
            z => z is { DegradedReason.Length: > 0 },
            "the AWS zone to report Degraded");

        // Degraded, or Quarantined by the baseline when it cannot see the zone's posture: either way nothing is placed there.
        Assert.That(listed!.Status, Is.AnyOf(ZoneStatus.Degraded, ZoneStatus.Quarantined));

        Assert.That(listed!.DegradedReason, Does.StartWith("EC2 DescribeInstances: unreachable"));
        var got = await operations.GetZoneAsync(new GetZoneRequest { ZoneId = "gx-aws-down" });
        Assert.That(got.Zone.DegradedReason, Is.EqualTo(listed.DegradedReason));
        Assert.That(got.Zone.Capacity, Is.EqualTo(new ResourceVector()), "no good observation yet: no capacity");
        using var http = new HttpClient { BaseAddress = controlPlane.HttpAddress };
        Assert.That(await http.GetStringAsync("/metrics"), Does.Contain("cloudgov_zone_degraded{zone=\"gx-aws-down\"} 1"));
        Assert.That(agent.State.Connected, Is.True, "the agent keeps running and connected");
    }

    private Dictionary<string, string?> Settings(ControlPlaneProcess controlPlane, MotoZone zone, string zoneId, string serviceUrl)
    {
        var settings = AgentProcess.ZoneSettings(controlPlane.AgentAddress, zoneId);
        settings["Agent:Provider"] = "Aws";
        settings["Agent:Aws:Region"] = "us-east-1";
        settings["Agent:Aws:ServiceUrl"] = serviceUrl;
        settings["Agent:Aws:Profile"] = "cloudgov-moto";
        settings["Agent:Aws:ProfilesLocation"] = _profiles;
        settings["Agent:Aws:SubnetId"] = zone.SubnetId;
        settings["Agent:Aws:ImageId"] = zone.ImageId;
        settings["Agent:Aws:MaxErrorRetry"] = "2";
        settings["Agent:Aws:RequestTimeout"] = "00:00:05";
        foreach (var (type, r) in zone.Options().InstanceTypes)
        {
            settings[$"Agent:Aws:InstanceTypes:{type}:CpuMillicores"] = r.CpuMillicores.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings[$"Agent:Aws:InstanceTypes:{type}:MemoryMib"] = r.MemoryMib.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings[$"Agent:Aws:InstanceTypes:{type}:StorageGib"] = r.StorageGib.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        // What EC2 cannot show, declared as the operator would, so the baseline finds the zone compliant.
        foreach (var (key, value) in ThrowingProvider.DeclaredPosture)
        {
            settings[$"Agent:Posture:{key}"] = value;
        }

        settings["Agent:Aws:Limits:CpuMillicores"] = "64000";
        settings["Agent:Aws:Limits:MemoryMib"] = "262144";
        settings["Agent:Aws:Limits:StorageGib"] = "4000";
        return settings;
    }
}
