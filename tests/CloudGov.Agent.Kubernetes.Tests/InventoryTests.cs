using CloudGov.Agent.Kubernetes.Tests.Fake;
using CloudGov.Agent.Providers.Kubernetes;

namespace CloudGov.Agent.Kubernetes.Tests;

/// <summary>Capacity, usage, workloads and posture as the provider reads them from the fake API server.</summary>
public sealed class InventoryTests
{
    [Test]
    public async Task ObserveAsync_ReadyAndNotReadyNodes_CapacityIsTheReadyNodesAllocatableAndUsageTheirMetrics()
    {
        await using var api = await FakeCluster.StartAsync();
        await using var provider = FakeCluster.Provider(FakeCluster.Options(api));

        var observation = await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.That(observation.Degraded, Is.False, observation.DegradedReason);
        // node-a 3920m + node-b 7910m; 15242236Ki = 14884 MiB, 31827708Ki = 31081 MiB; 94580335255 B = 88 GiB, 189160670510 B = 176 GiB; node-c is NotReady.
        Assert.That(observation.Capacity, Is.EqualTo(new ResourceVector { CpuMillicores = 11_830, MemoryMib = 14_884 + 31_081, StorageGib = 88 + 176, Gpu = 1 }));
        // metrics-server: 1.5 cores + 0.25 cores, 4 GiB + 1 GiB of the Ready nodes.
        Assert.That(observation.Usage, Is.EqualTo(new ResourceVector { CpuMillicores = 1_750, MemoryMib = 5_120 }));
        Assert.That(Fact(observation, KubernetesPostureKeys.MetricsApi), Is.EqualTo("served"));
    }

    [Test]
    public async Task ObserveAsync_MetricsApiNotServed_UsageUnknownAndSaidSoNotDegraded()
    {
        await using var api = await FakeCluster.StartAsync();
        api.MetricsServed = false;
        await using var provider = FakeCluster.Provider(FakeCluster.Options(api));

        var observation = await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.That(observation.Degraded, Is.False);
        Assert.That(observation.Usage, Is.EqualTo(new ResourceVector()));
        Assert.That(Fact(observation, KubernetesPostureKeys.MetricsApi), Is.EqualTo("absent"));
        Assert.That(observation.Capacity.CpuMillicores, Is.EqualTo(11_830), "capacity does not depend on metrics");
    }

    [Test]
    public async Task ObserveAsync_ManagedDeployments_ReportedWithRequestsTimesReplicasStateAndLabels_OthersIgnored()
    {
        await using var api = await FakeCluster.StartAsync();
        api.ApplyDeployment(FakeCluster.Namespace, FakeCluster.ExternalDeployment("portal", "nn-zwb", replicas: 3, cpu: "250m", memory: "512Mi"));
        var pending = FakeCluster.ExternalDeployment("hotline", "nn-12345", replicas: 2);
        api.ApplyDeployment(FakeCluster.Namespace, pending, available: false);
        var unmanaged = FakeCluster.ExternalDeployment("coredns-like", "kube");
        unmanaged["metadata"]!["labels"]!.AsObject().Remove("app.kubernetes.io/managed-by");
        api.ApplyDeployment(FakeCluster.Namespace, unmanaged);
        await using var provider = FakeCluster.Provider(FakeCluster.Options(api));

        var observation = await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.That(observation.Workloads.Select(w => w.WorkloadId), Is.EqualTo(new[] { "hotline", "portal" }));
        var portal = observation.Workloads.Single(w => w.WorkloadId == "portal");
        Assert.That(portal.TenantId, Is.EqualTo("nn-zwb"));
        Assert.That(portal.MlpsLevel, Is.EqualTo(MlpsLevel._2));
        Assert.That(portal.Requests, Is.EqualTo(new ResourceVector { CpuMillicores = 750, MemoryMib = 1_536 }));
        Assert.That(portal.State, Is.EqualTo(WorkloadState.Running));
        Assert.That(portal.Labels["app"], Is.EqualTo("portal"));
        Assert.That(portal.Labels.ContainsKey("app.kubernetes.io/managed-by"), Is.False, "bookkeeping labels are not the workload's labels");
        Assert.That(portal.AccessPolicy, Is.Null, "no NetworkPolicy of its own: the provider cannot tell");
        Assert.That(observation.Workloads.Single(w => w.WorkloadId == "hotline").State, Is.EqualTo(WorkloadState.Pending));
    }

    [Test]
    public async Task ObserveAsync_Posture_PodSecurityPrivilegedContainersNetworkPolicyCoverageAndWorldPorts()
    {
        await using var api = await FakeCluster.StartAsync();
        api.AddNamespace(FakeCluster.OtherNamespace);
        api.ApplyDeployment(FakeCluster.Namespace, FakeCluster.ExternalDeployment("node-agent", "nn-ops", replicas: 2, privileged: true));
        await using var provider = FakeCluster.Provider(FakeCluster.Options(api, FakeCluster.Namespace, FakeCluster.OtherNamespace));
        var world = new AccessPolicy { Ingress = { new AccessRule { Protocol = AccessProtocol.Tcp, PortFrom = 22, PortTo = 22, SourceCidr = "0.0.0.0/0" } } };
        Assert.That((await provider.ExecuteAsync(FakeCluster.Place("bastion", world), CancellationToken.None)).Succeeded, Is.True);

        var observation = await Eventually.ReturnsAsync(
            async () => await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None),
            o => o.Workloads.Count == 2,
            "the placed workload to be seen beside the external one");

        Assert.That(Fact(observation, KubernetesPostureKeys.PrivilegedContainers), Is.EqualTo("2"), "one privileged container × 2 replicas");
        Assert.That(Fact(observation, KubernetesPostureKeys.PodSecurityEnforce), Is.EqualTo("none"), "the weakest namespace enforces nothing");
        Assert.That(Fact(observation, KubernetesPostureKeys.NamespacesWithoutPodSecurity), Is.EqualTo("1"));
        Assert.That(Fact(observation, KubernetesPostureKeys.NetworkPolicies), Is.EqualTo("1"));
        Assert.That(Fact(observation, KubernetesPostureKeys.WorkloadsWithoutNetworkPolicy), Is.EqualTo("1"), "node-agent has no NetworkPolicy; bastion has its own");
        Assert.That(Fact(observation, KubernetesPostureKeys.WorldOpenPorts), Is.EqualTo("22"));
    }

    [Test]
    public async Task ObserveAsync_OnlyBaselineNamespace_PodSecurityBaselineAndNoWorldPorts()
    {
        await using var api = await FakeCluster.StartAsync();
        await using var provider = FakeCluster.Provider(FakeCluster.Options(api));

        var observation = await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.That(Fact(observation, KubernetesPostureKeys.PodSecurityEnforce), Is.EqualTo("baseline"));
        Assert.That(Fact(observation, KubernetesPostureKeys.NamespacesWithoutPodSecurity), Is.EqualTo("0"));
        Assert.That(Fact(observation, KubernetesPostureKeys.PrivilegedContainers), Is.EqualTo("0"));
        Assert.That(Fact(observation, KubernetesPostureKeys.WorldOpenPorts), Is.EqualTo("none"));
    }

    internal static string? Fact(CloudGov.Agent.Providers.ZoneObservation observation, string key) =>
        observation.Posture.SingleOrDefault(f => f.Key == key)?.Value;
}
