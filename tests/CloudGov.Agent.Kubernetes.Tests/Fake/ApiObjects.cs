using System.Text.Json.Nodes;

namespace CloudGov.Agent.Kubernetes.Tests.Fake;

/// <summary>Objects as a real API server writes them on the wire (Status bodies, nodes, namespaces, node metrics).</summary>
internal static class ApiObjects
{
    /// <summary>A failure Status, as the API server sends with a 4xx/5xx.</summary>
    public static JsonObject Status(int code, string reason, string message, JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["code"] = code,
        };
        if (details is not null)
        {
            status["details"] = details;
        }

        return status;
    }

    /// <summary>The Status of a successful delete.</summary>
    public static JsonObject Deleted(string name, string group, string kind, string uid) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["details"] = new JsonObject { ["name"] = name, ["group"] = group, ["kind"] = kind, ["uid"] = uid },
    };

    public static JsonObject Details(string name, string group, string kind) => new() { ["name"] = name, ["group"] = group, ["kind"] = kind };

    /// <summary>A node as kubelet registers it: capacity, allocatable (after system reservations), conditions.</summary>
    public static JsonObject Node(string name, string allocatableCpu, string allocatableMemory, string allocatableStorage, bool ready, string? gpus = null)
    {
        var allocatable = new JsonObject { ["cpu"] = allocatableCpu, ["memory"] = allocatableMemory, ["ephemeral-storage"] = allocatableStorage, ["pods"] = "110" };
        if (gpus is not null)
        {
            allocatable["nvidia.com/gpu"] = gpus;
        }

        return new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["uid"] = Guid.NewGuid().ToString(),
                ["resourceVersion"] = "1042",
                ["creationTimestamp"] = "2026-11-30T08:00:00Z",
                ["labels"] = new JsonObject { ["kubernetes.io/hostname"] = name, ["kubernetes.io/os"] = "linux", ["node.kubernetes.io/instance-type"] = "c6.xlarge" },
            },
            ["spec"] = new JsonObject { ["podCIDR"] = "10.244.1.0/24", ["providerID"] = $"openstack:///{name}" },
            ["status"] = new JsonObject
            {
                ["capacity"] = new JsonObject { ["cpu"] = "4", ["memory"] = "16393212Ki", ["ephemeral-storage"] = "102626232Ki", ["pods"] = "110" },
                ["allocatable"] = allocatable,
                ["conditions"] = new JsonArray(
                    Condition("MemoryPressure", "False", "KubeletHasSufficientMemory"),
                    Condition("DiskPressure", "False", "KubeletHasNoDiskPressure"),
                    Condition("PIDPressure", "False", "KubeletHasSufficientPID"),
                    ready ? Condition("Ready", "True", "KubeletReady") : Condition("Ready", "Unknown", "NodeStatusUnknown")),
                ["nodeInfo"] = new JsonObject { ["kubeletVersion"] = "v1.31.4", ["containerRuntimeVersion"] = "containerd://1.7.24", ["architecture"] = "amd64", ["operatingSystem"] = "linux" },
            },
        };
    }

    /// <summary>A namespace with the given labels (plus the automatic kubernetes.io/metadata.name).</summary>
    public static JsonObject Namespace(string name, IReadOnlyDictionary<string, string> labels)
    {
        var l = new JsonObject { ["kubernetes.io/metadata.name"] = name };
        foreach (var (key, value) in labels)
        {
            l[key] = value;
        }

        return new JsonObject
        {
            ["kind"] = "Namespace",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject { ["name"] = name, ["uid"] = Guid.NewGuid().ToString(), ["resourceVersion"] = "17", ["creationTimestamp"] = "2026-11-30T08:00:00Z", ["labels"] = l },
            ["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") },
            ["status"] = new JsonObject { ["phase"] = "Active" },
        };
    }

    /// <summary>metrics-server's NodeMetrics: CPU in nanocores, memory in Ki.</summary>
    public static JsonObject NodeMetrics(string name, long cpuNanocores, long memoryKi) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name, ["creationTimestamp"] = "2026-12-01T10:00:00Z", ["labels"] = new JsonObject { ["kubernetes.io/hostname"] = name } },
        ["timestamp"] = "2026-12-01T09:59:52Z",
        ["window"] = "20.032s",
        ["usage"] = new JsonObject { ["cpu"] = $"{cpuNanocores}n", ["memory"] = $"{memoryKi}Ki" },
    };

    private static JsonObject Condition(string type, string status, string reason) => new()
    {
        ["type"] = type,
        ["status"] = status,
        ["lastHeartbeatTime"] = "2026-12-01T09:59:00Z",
        ["lastTransitionTime"] = "2026-11-30T08:00:00Z",
        ["reason"] = reason,
        ["message"] = reason,
    };
}
