namespace CloudGov.Agent.Providers.Kubernetes;

/// <summary>
/// The posture facts the Kubernetes provider reports. <c>k8s.privileged_containers</c> and
/// <c>network.world_open_ports</c> are the baseline's shared keys (PostureFactKeys); the others are this provider's.
/// </summary>
public static class KubernetesPostureKeys
{
    /// <summary>The namespace label of Pod Security admission's enforced level.</summary>
    public const string PodSecurityEnforceLabel = "pod-security.kubernetes.io/enforce";

    /// <summary>How many containers of the zone's CloudGov workloads are privileged (containers × replicas).</summary>
    public const string PrivilegedContainers = "k8s.privileged_containers";

    /// <summary>The weakest Pod Security level enforced on the configured namespaces: none, privileged, baseline or restricted.</summary>
    public const string PodSecurityEnforce = "k8s.pod_security_enforce";

    /// <summary>How many configured namespaces enforce no Pod Security level (or do not exist).</summary>
    public const string NamespacesWithoutPodSecurity = "k8s.namespaces_without_pod_security";

    /// <summary>How many NetworkPolicies the configured namespaces hold.</summary>
    public const string NetworkPolicies = "k8s.network_policies";

    /// <summary>How many CloudGov workloads no NetworkPolicy selects (their pods admit any traffic).</summary>
    public const string WorkloadsWithoutNetworkPolicy = "k8s.workloads_without_network_policy";

    /// <summary>TCP ports the workloads' NetworkPolicies admit from 0.0.0.0/0 or ::/0, comma-separated ("a-b" for a range); "none".</summary>
    public const string WorldOpenPorts = "network.world_open_ports";

    /// <summary>"served" when the cluster serves metrics.k8s.io (usage is measured), "absent" when not (usage unknown).</summary>
    public const string MetricsApi = "k8s.metrics_api";

    /// <summary>"watching" while a watch keeps the inventory current, "listing" while observations list instead.</summary>
    public const string Watch = "k8s.inventory_watch";
}
