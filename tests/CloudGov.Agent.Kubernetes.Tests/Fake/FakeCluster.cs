using System.Text.Json.Nodes;
using CloudGov.Agent.Providers.Kubernetes;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudGov.Agent.Kubernetes.Tests.Fake;

/// <summary>A fake API server seeded like a small real cluster, and providers built on its kubeconfig the way the agent builds them.</summary>
internal static class FakeCluster
{
    public const string Namespace = "cloudgov";
    public const string OtherNamespace = "cloudgov-batch";

    /// <summary>Two Ready nodes (one with a GPU), one NotReady node, the cloudgov namespace enforcing "baseline".</summary>
    public static async Task<FakeKubernetesApi> StartAsync()
    {
        var api = await FakeKubernetesApi.StartAsync();
        api.AddNode(ApiObjects.Node("node-a", "3920m", "15242236Ki", "94580335255", ready: true), cpuNanocores: 1_500_000_000, memoryKi: 4_194_304);
        api.AddNode(ApiObjects.Node("node-b", "7910m", "31827708Ki", "189160670510", ready: true, gpus: "1"), cpuNanocores: 250_000_000, memoryKi: 1_048_576);
        api.AddNode(ApiObjects.Node("node-c", "3920m", "15242236Ki", "94580335255", ready: false), cpuNanocores: 999_000_000_000, memoryKi: 99_999_999);
        api.AddNamespace(Namespace, new Dictionary<string, string> { ["pod-security.kubernetes.io/enforce"] = "baseline", ["pod-security.kubernetes.io/enforce-version"] = "latest" });
        return api;
    }

    /// <summary>Options for the fake server: fast retries and short timeouts, so failures show within a test.</summary>
    public static KubernetesZoneOptions Options(FakeKubernetesApi api, params string[] namespaces)
    {
        var options = new KubernetesZoneOptions
        {
            KubeconfigPath = api.WriteKubeconfig(Path.Combine(Path.GetTempPath(), "cloudgov-tests", "kube")),
            RequestTimeout = TimeSpan.FromSeconds(5),
            MaxRetryAttempts = 2,
            RetryDelay = TimeSpan.FromMilliseconds(10),
        };
        foreach (var ns in namespaces.Length == 0 ? [Namespace] : namespaces)
        {
            options.Namespaces.Add(ns);
        }

        return options;
    }

    /// <summary>A provider as the agent builds it (KubernetesClientConfiguration from the kubeconfig file, the resilience handler).</summary>
    public static KubernetesZoneProvider Provider(KubernetesZoneOptions options) =>
        new(KubernetesClientFactory.Create(options), options, TimeProvider.System, NullLogger.Instance);

    /// <summary>A Deployment someone else created with the managed-by label (kubectl apply of a CloudGov manifest).</summary>
    public static JsonObject ExternalDeployment(string name, string tenant, int replicas = 1, bool privileged = false, string cpu = "500m", string memory = "1Gi")
    {
        var container = new JsonObject
        {
            ["name"] = "app",
            ["image"] = "registry.example/app:1.0",
            ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = cpu, ["memory"] = memory } },
        };
        if (privileged)
        {
            container["securityContext"] = new JsonObject { ["privileged"] = true };
        }

        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["labels"] = new JsonObject
                {
                    ["app.kubernetes.io/managed-by"] = "cloudgov",
                    ["cloudgov.io/tenant"] = tenant,
                    ["cloudgov.io/mlps-level"] = "2",
                    ["app"] = name,
                },
            },
            ["spec"] = new JsonObject
            {
                ["replicas"] = replicas,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                    ["spec"] = new JsonObject { ["containers"] = new JsonArray(container) },
                },
            },
        };
    }

    /// <summary>A place command for a level-3 workload of 南宁 with an access policy.</summary>
    public static Command Place(string workloadId, AccessPolicy? policy = null) => new()
    {
        CommandId = $"place-{workloadId}",
        Kind = CommandKind.Place,
        Workload = Spec(workloadId, policy),
    };

    public static Command Remove(string workloadId) => new()
    {
        CommandId = $"remove-{workloadId}",
        Kind = CommandKind.Remove,
        Workload = Spec(workloadId, null),
    };

    public static AccessPolicy WebPolicy() => new()
    {
        Ingress =
        {
            new AccessRule { Protocol = AccessProtocol.Tcp, PortFrom = 443, PortTo = 443, SourceCidr = "10.0.0.0/8" },
            new AccessRule { Protocol = AccessProtocol.Tcp, PortFrom = 8000, PortTo = 8080, SourceCidr = "192.168.0.0/16" },
            new AccessRule { Protocol = AccessProtocol.Udp, PortFrom = 53, PortTo = 53, SourceCidr = "10.1.0.0/16" },
        },
    };

    private static WorkloadSpec Spec(string workloadId, AccessPolicy? policy)
    {
        var spec = new WorkloadSpec
        {
            WorkloadId = workloadId,
            TenantId = "nn-dsj",
            System = "一网通办",
            Requests = new ResourceVector { CpuMillicores = 4000, MemoryMib = 8192, StorageGib = 100 },
            MlpsLevel = MlpsLevel._3,
            Labels =
            {
                ["cloudgov.io/tenant"] = "nn-dsj",
                ["cloudgov.io/system"] = "一网通办",
                ["cloudgov.io/mlps-level"] = "3",
                ["cloudgov.io/allowed-regions"] = "4501,4502",
                ["cloudgov.io/network-plane"] = "egov-extranet",
                ["app"] = "one-stop-service",
            },
            AccessPolicy = policy,
        };
        return spec;
    }
}
