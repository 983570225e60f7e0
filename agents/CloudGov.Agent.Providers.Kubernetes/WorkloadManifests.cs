using System.Globalization;
using k8s.Models;

namespace CloudGov.Agent.Providers.Kubernetes;

/// <summary>
/// Builds the Deployment and NetworkPolicy of a place command's workload: intent labels as labels where Kubernetes'
/// label syntax admits the value and as annotations (listed in <see cref="ManagedObjects.AnnotatedLabelsAnnotation"/>)
/// where it does not; requests on the one container; the access policy as the NetworkPolicy's ingress rules.
/// </summary>
internal static class WorkloadManifests
{
    /// <summary>The container's name in every placed workload.</summary>
    public const string ContainerName = "workload";

    /// <summary>Why the spec cannot be placed in a Kubernetes zone, or null when it can.</summary>
    public static string? Problem(WorkloadSpec spec)
    {
        if (spec.TenantId.Length == 0)
        {
            return "it has no tenant";
        }

        var r = spec.Requests ?? new ResourceVector();
        if (r.CpuMillicores < 0 || r.MemoryMib < 0 || r.StorageGib < 0 || r.Gpu < 0)
        {
            return "its requests must not be negative";
        }

        var labels = Labels(spec);
        if (WorkloadLabels.Problem(labels) is { } labelProblem)
        {
            return labelProblem;
        }

        foreach (var (key, _) in labels)
        {
            if (!KubernetesNames.IsQualifiedName(key))
            {
                return $"label key '{Excerpt(key)}' is not a Kubernetes label or annotation key (an optional DNS-subdomain prefix and '/', then 1-63 of [A-Za-z0-9._-])";
            }
        }

        return AccessPolicies.Problem(spec.AccessPolicy);
    }

    /// <summary>The workload's labels as the zone carries them: the command's labels plus tenant, system and MLPS level where the command does not set them.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Labels(WorkloadSpec spec)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in spec.Labels)
        {
            if (!ManagedObjects.IsBookkeeping(key))
            {
                labels[key] = value;
            }
        }

        labels.TryAdd(WorkloadLabels.Tenant, spec.TenantId);
        if (spec.System.Length > 0)
        {
            labels.TryAdd(WorkloadLabels.System, spec.System);
        }

        if (spec.MlpsLevel is >= MlpsLevel._1 and <= MlpsLevel._4)
        {
            labels.TryAdd(WorkloadLabels.MlpsLevel, ((int)spec.MlpsLevel).ToString(CultureInfo.InvariantCulture));
        }

        return [.. labels];
    }

    /// <summary>The Deployment for a spec that has no <see cref="Problem"/>.</summary>
    public static V1Deployment Deployment(WorkloadSpec spec, string name, string ns, string image)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ManagedObjects.ManagedByKey] = ManagedObjects.ManagedByValue,
            [ManagedObjects.WorkloadKey] = name,
        };
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ManagedObjects.WorkloadIdAnnotation] = spec.WorkloadId,
        };
        var annotated = new List<string>();
        foreach (var (key, value) in Labels(spec))
        {
            if (KubernetesNames.IsLabelValue(value))
            {
                labels[key] = value;
            }
            else
            {
                annotations[key] = value;
                annotated.Add(key);
            }
        }

        if (annotated.Count > 0)
        {
            annotations[ManagedObjects.AnnotatedLabelsAnnotation] = string.Join(',', annotated);
        }

        var requests = KubernetesResources.ToRequests(spec.Requests ?? new ResourceVector());
        var limits = requests.TryGetValue(KubernetesResources.Gpu, out var gpu)
            ? new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal) { [KubernetesResources.Gpu] = gpu }
            : null;
        var podLabels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ManagedObjects.ManagedByKey] = ManagedObjects.ManagedByValue,
            [ManagedObjects.WorkloadKey] = name,
        };
        return new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = labels, Annotations = annotations },
            Spec = new V1DeploymentSpec
            {
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string>(StringComparer.Ordinal) { [ManagedObjects.WorkloadKey] = name } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = podLabels },
                    Spec = new V1PodSpec
                    {
                        Containers =
                        [
                            new V1Container
                            {
                                Name = ContainerName,
                                Image = image,
                                Resources = new V1ResourceRequirements { Requests = requests, Limits = limits },
                                SecurityContext = new V1SecurityContext { Privileged = false, AllowPrivilegeEscalation = false },
                            },
                        ],
                    },
                },
            },
        };
    }

    /// <summary>The NetworkPolicy that admits exactly the access policy's ingress to the workload's pods.</summary>
    public static V1NetworkPolicy NetworkPolicy(AccessPolicy policy, string name, string ns) => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "NetworkPolicy",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = ns,
            Labels = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [ManagedObjects.ManagedByKey] = ManagedObjects.ManagedByValue,
                [ManagedObjects.WorkloadKey] = name,
            },
        },
        Spec = new V1NetworkPolicySpec
        {
            PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string>(StringComparer.Ordinal) { [ManagedObjects.WorkloadKey] = name } },
            PolicyTypes = ["Ingress"],
            Ingress = [.. AccessPolicies.ToIngress(policy)],
        },
    };

    private static string Excerpt(string s) =>
        new([.. (s.Length <= 32 ? s : s[..32] + "…").Select(c => char.IsControl(c) ? '?' : c)]);
}
