namespace CloudGov.Agent.Providers.Kubernetes;

/// <summary>
/// The Kubernetes provider's settings (<c>Agent:Kubernetes:*</c>): which cluster (a kubeconfig file or the in-cluster
/// service account, the way KubernetesClient finds them), which namespaces hold CloudGov's workloads, how placed
/// workloads run, and the client's retry and watch behaviour.
/// </summary>
public sealed class KubernetesZoneOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Agent:Kubernetes";

    /// <summary>The namespace used when <see cref="Namespaces"/> is empty.</summary>
    public const string DefaultNamespace = "cloudgov";

    /// <summary>
    /// The kubeconfig file; null or empty: <c>$KUBECONFIG</c>, else <c>~/.kube/config</c> (KubernetesClient's own lookup).
    /// Ignored when <see cref="InCluster"/> is true.
    /// </summary>
    public string? KubeconfigPath { get; set; }

    /// <summary>The kubeconfig context to use; null: the file's current context.</summary>
    public string? Context { get; set; }

    /// <summary>True: the pod's service account (KubernetesClientConfiguration.InClusterConfig); default false.</summary>
    public bool InCluster { get; set; }

    /// <summary>
    /// The namespaces whose CloudGov-managed Deployments are the zone's workloads; at most 16, each a DNS-1123 label.
    /// Empty: <c>cloudgov</c>. Place commands create workloads in the first.
    /// </summary>
    public IList<string> Namespaces { get; } = new List<string>();

    /// <summary>The container image placed workloads run (their spec names no image); default a pause image.</summary>
    public string Image { get; set; } = "registry.k8s.io/pause:3.10";

    /// <summary>How long one API request may take before it is abandoned (and retried); 100 ms to 5 minutes, default 10 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of a request that failed transiently (429, 5xx, timeout, connection); 0-10, default 3.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first retry's delay (exponential with jitter after, or the server's Retry-After); 1 ms to 1 minute, default 200 ms.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long the API server keeps one watch open before the provider resumes it; 1 s to 1 hour, default 5 minutes.</summary>
    public TimeSpan WatchTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The slow safety net: Deployments are listed again this often even while the watch is healthy; 1 minute to
    /// 24 hours, default 30 minutes.
    /// </summary>
    public TimeSpan ResyncInterval { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The namespaces in effect.</summary>
    public IReadOnlyList<string> EffectiveNamespaces => Namespaces.Count == 0 ? [DefaultNamespace] : [.. Namespaces];
}
