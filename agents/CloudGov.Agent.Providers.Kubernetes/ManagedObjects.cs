namespace CloudGov.Agent.Providers.Kubernetes;

/// <summary>The labels and annotations by which CloudGov marks the objects it manages in a cluster.</summary>
internal static class ManagedObjects
{
    /// <summary>The recommended managed-by label; CloudGov's Deployments carry <see cref="ManagedByValue"/>.</summary>
    public const string ManagedByKey = "app.kubernetes.io/managed-by";

    /// <summary>The managed-by value.</summary>
    public const string ManagedByValue = "cloudgov";

    /// <summary>The label selector of every list and watch: CloudGov's Deployments only.</summary>
    public const string Selector = ManagedByKey + "=" + ManagedByValue;

    /// <summary>The pod label that ties a workload's pods to its Deployment and NetworkPolicy (value: the object name).</summary>
    public const string WorkloadKey = "cloudgov.io/workload";

    /// <summary>The annotation holding the exact workload id (the object name may be derived from it).</summary>
    public const string WorkloadIdAnnotation = "cloudgov.io/workload-id";

    /// <summary>
    /// The annotation listing (comma-separated) the label keys whose values do not fit Kubernetes' label-value syntax and
    /// are therefore kept as annotations of the same key; they are reported back as labels.
    /// </summary>
    public const string AnnotatedLabelsAnnotation = "cloudgov.io/annotated-labels";

    /// <summary>Keys CloudGov keeps for itself: never taken from a spec, never reported as labels.</summary>
    public static bool IsBookkeeping(string key) =>
        key is ManagedByKey or WorkloadKey or WorkloadIdAnnotation or AnnotatedLabelsAnnotation;

    /// <summary>The value of a label or annotation, or null.</summary>
    public static string? Get(IDictionary<string, string>? map, string key) =>
        map is not null && map.TryGetValue(key, out var value) ? value : null;
}
