using CloudGov.Agent.Kubernetes.Tests.Fake;
using CloudGov.Proto.Operations.V1;

namespace CloudGov.Agent.Kubernetes.Tests;

/// <summary>
/// A real control plane and the agent host with <c>Agent:Provider=Kubernetes</c> over mutual TLS (its zone
/// certificate), credentials from a kubeconfig file: PlaceWorkload creates a Deployment in the fake API server and the
/// zone reports it Running; credentials refused make the zone Degraded with the reason while the agent keeps running.
/// </summary>
[NonParallelizable]
public sealed class KubernetesAgentTests
{
    private const string Zone = "gx-k8s-e2e";

    internal static readonly Dictionary<string, string?> FastZones = new()
    {
        ["Zones:ReportInterval"] = "00:00:00.300",
        ["Zones:StalenessWindow"] = "00:00:10",
        ["Zones:StateFlushInterval"] = "00:00:00.500",
        ["Zones:IndexPublishInterval"] = "00:00:00.200",
        ["Zones:CommandPollInterval"] = "00:00:00.050",
    };

    [Test]
    public async Task PlaceWorkload_KubernetesAgentOverMutualTls_DeploymentCreatedAndReportedRunning()
    {
        await using var api = await FakeCluster.StartAsync();
        await using var controlPlane = await ControlPlaneProcess.StartAsync(FastZones);
        await using var agent = await AgentProcess.StartAsync(Settings(controlPlane, api, Zone));
        var operations = new OperationsService.OperationsServiceClient(controlPlane.Channel);
        await Eventually.HoldsAsync(
            async () => (await operations.ListZonesAsync(new ListZonesRequest { Status = ZoneStatus.Ready })).Zones.Any(z => z.ZoneId == Zone && z.Provider == ProviderKind.Kubernetes && z.Capacity.CpuMillicores == 11_830),
            "the Kubernetes zone to report Ready with its nodes' capacity");
        var request = new PlaceWorkloadRequest
        {
            WorkloadId = "nn-dsj-ywtb-k8s-01",
            TenantId = "nn-dsj",
            System = "一网通办",
            Requests = new ResourceVector { CpuMillicores = 2000, MemoryMib = 4096, StorageGib = 20 },
            MlpsLevel = MlpsLevel._3,
            NetworkPlane = NetworkPlane.EgovExtranet,
            AllowedRegions = { "4501" },
            Project = "数字政府二期",
            AccessPolicy = FakeCluster.WebPolicy(),
        };

        var placed = await operations.PlaceWorkloadAsync(request);

        Assert.That(placed.ZoneId, Is.EqualTo(Zone));
        var workload = await Eventually.ReturnsAsync(
            async () => (await operations.GetZoneAsync(new GetZoneRequest { ZoneId = Zone })).Workloads.FirstOrDefault(w => w.WorkloadId == request.WorkloadId),
            w => w is { State: "Running" },
            $"workload {request.WorkloadId} to be reported Running in the Kubernetes zone");
        Assert.That(api.Deployment(FakeCluster.Namespace, request.WorkloadId), Is.Not.Null, "a Deployment in the cluster");
        Assert.That(api.NetworkPolicy(FakeCluster.Namespace, request.WorkloadId), Is.Not.Null, "and its NetworkPolicy");
        Assert.That(workload!.Requests, Is.EqualTo(request.Requests));
        Assert.That(workload.Labels, Does.ContainKey("cloudgov.io/project").WithValue("数字政府二期"));
        Assert.That(workload.AccessPolicy?.Ingress, Is.EquivalentTo(request.AccessPolicy.Ingress), "read back from the NetworkPolicy");
    }

    [Test]
    public async Task KubernetesAgent_CredentialsRefused_ZoneDegradedWithReasonAgentKeepsRunningAndRecovers()
    {
        await using var api = await FakeCluster.StartAsync();
        await using var controlPlane = await ControlPlaneProcess.StartAsync(FastZones);
        await using var agent = await AgentProcess.StartAsync(Settings(controlPlane, api, Zone));
        var operations = new OperationsService.OperationsServiceClient(controlPlane.Channel);
        await Eventually.HoldsAsync(
            async () => (await operations.ListZonesAsync(new ListZonesRequest { Status = ZoneStatus.Ready })).Zones.Any(z => z.ZoneId == Zone),
            "the Kubernetes zone to report Ready");

        api.Token = "rotated-by-the-cluster-admin";
        var degraded = await Eventually.ReturnsAsync(
            async () => (await operations.GetZoneAsync(new GetZoneRequest { ZoneId = Zone })).Zone,
            z => z.Status == ZoneStatus.Degraded,
            "the zone to report Degraded");

        Assert.That(degraded.DegradedReason, Does.StartWith("Kubernetes list nodes: 401 Unauthorized"));
        Assert.That(degraded.Capacity.CpuMillicores, Is.EqualTo(11_830), "the last good capacity is kept");
        Assert.That(agent.State.Connected, Is.True, "the agent keeps running and connected");
        api.Token = "cloudgov-agent-token";
        await Eventually.HoldsAsync(
            async () => (await operations.GetZoneAsync(new GetZoneRequest { ZoneId = Zone })).Zone.Status == ZoneStatus.Ready,
            "the zone to be Ready again once the credentials work");
    }

    /// <summary>Agent settings for a Kubernetes zone on the fake API server: the kubeconfig file, the namespace, fast retries.</summary>
    internal static Dictionary<string, string?> Settings(ControlPlaneProcess controlPlane, FakeKubernetesApi api, string zoneId)
    {
        var settings = AgentProcess.ZoneSettings(controlPlane.AgentAddress, zoneId);
        settings["Agent:Provider"] = "Kubernetes";
        AgentProcess.DeclareCompliantPosture(settings);
        settings["Agent:Kubernetes:KubeconfigPath"] = api.WriteKubeconfig(Path.Combine(Path.GetTempPath(), "cloudgov-tests", "kube"));
        settings["Agent:Kubernetes:Namespaces:0"] = FakeCluster.Namespace;
        settings["Agent:Kubernetes:MaxRetryAttempts"] = "1";
        settings["Agent:Kubernetes:RetryDelay"] = "00:00:00.010";
        settings["Agent:Kubernetes:RequestTimeout"] = "00:00:05";
        return settings;
    }
}
