using System.Globalization;
using k8s.Models;

namespace CloudGov.Agent.Providers.Kubernetes;

/// <summary>
/// Reads a CloudGov Deployment as a workload report: id from its annotation (else its name), intent from its labels
/// and annotated labels, requests from the pod template × replicas, state from its status, access policy from its
/// NetworkPolicy.
/// </summary>
internal static class WorkloadReports
{
    /// <summary>The report, or null with the reason when the Deployment cannot be reported (the gateway would refuse the zone's report).</summary>
    public static WorkloadReport? From(V1Deployment deployment, V1NetworkPolicy? policy, out string? problem)
    {
        problem = null;
        var meta = deployment.Metadata;
        string id = meta.Annotations?.TryGetValue(ManagedObjects.WorkloadIdAnnotation, out var annotated) == true && annotated.Length > 0 ? annotated : meta.Name;
        var labels = Labels(deployment);
        if (WorkloadLabels.Problem(labels) is { } labelProblem)
        {
            problem = labelProblem;
            return null;
        }

        string tenant = Find(labels, WorkloadLabels.Tenant) ?? string.Empty;
        if (tenant.Length is 0 or > 128 || tenant.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            problem = $"it has no valid {WorkloadLabels.Tenant} label";
            return null;
        }

        if (!int.TryParse(Find(labels, WorkloadLabels.MlpsLevel), NumberStyles.None, CultureInfo.InvariantCulture, out int level) || level is < 1 or > 4)
        {
            problem = $"it has no {WorkloadLabels.MlpsLevel} label of 1-4";
            return null;
        }

        string system = Find(labels, WorkloadLabels.System) ?? string.Empty;
        if (system.Length > 128 || system.Any(char.IsControl) || (system.Length > 0 && (char.IsWhiteSpace(system[0]) || char.IsWhiteSpace(system[^1]))))
        {
            system = string.Empty;
        }

        var report = new WorkloadReport
        {
            WorkloadId = id,
            TenantId = tenant,
            System = system,
            Requests = Requests(deployment),
            MlpsLevel = (MlpsLevel)level,
            State = State(deployment),
            AccessPolicy = policy is null ? null : AccessPolicies.FromNetworkPolicy(policy),
        };
        foreach (var (key, value) in labels)
        {
            report.Labels.Add(key, value);
        }

        return report;
    }

    /// <summary>The workload's labels: the Deployment's labels and its annotated labels, without CloudGov's bookkeeping keys.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Labels(V1Deployment deployment)
    {
        var meta = deployment.Metadata;
        var labels = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in meta.Labels ?? new Dictionary<string, string>())
        {
            if (!ManagedObjects.IsBookkeeping(key))
            {
                labels.Add(new(key, value ?? string.Empty));
            }
        }

        if (meta.Annotations is { } annotations && annotations.TryGetValue(ManagedObjects.AnnotatedLabelsAnnotation, out var list) && list is not null)
        {
            foreach (var key in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!ManagedObjects.IsBookkeeping(key) && annotations.TryGetValue(key, out var value) && value is not null)
                {
                    labels.Add(new(key, value));
                }
            }
        }

        return WorkloadLabels.Sorted(labels);
    }

    /// <summary>The pod template's container requests (init containers: the largest, as the scheduler counts them) × replicas.</summary>
    public static ResourceVector Requests(V1Deployment deployment)
    {
        var pod = deployment.Spec?.Template?.Spec;
        var sum = new ResourceVector();
        foreach (var container in pod?.Containers ?? [])
        {
            sum = KubernetesResources.Add(sum, KubernetesResources.ToVector(container.Resources?.Requests));
        }

        foreach (var init in pod?.InitContainers ?? [])
        {
            var r = KubernetesResources.ToVector(init.Resources?.Requests);
            sum = new ResourceVector
            {
                CpuMillicores = Math.Max(sum.CpuMillicores, r.CpuMillicores),
                MemoryMib = Math.Max(sum.MemoryMib, r.MemoryMib),
                StorageGib = Math.Max(sum.StorageGib, r.StorageGib),
                Gpu = Math.Max(sum.Gpu, r.Gpu),
            };
        }

        return KubernetesResources.Times(sum, Math.Max(0, deployment.Spec?.Replicas ?? 1));
    }

    /// <summary>
    /// Terminating once deletion started; Failed when the rollout exceeded its progress deadline or replicas cannot be
    /// created; Running when the controller has seen the current generation and every desired replica is updated and
    /// available; Pending otherwise.
    /// </summary>
    public static WorkloadState State(V1Deployment deployment)
    {
        if (deployment.Metadata.DeletionTimestamp is not null)
        {
            return WorkloadState.Terminating;
        }

        var status = deployment.Status;
        foreach (var condition in status?.Conditions ?? [])
        {
            if ((condition.Type == "Progressing" && condition.Status == "False" && condition.Reason == "ProgressDeadlineExceeded")
                || (condition.Type == "ReplicaFailure" && condition.Status == "True"))
            {
                return WorkloadState.Failed;
            }
        }

        int desired = deployment.Spec?.Replicas ?? 1;
        bool observed = status?.ObservedGeneration is { } seen && seen >= (deployment.Metadata.Generation ?? 0);
        return observed && (status!.UpdatedReplicas ?? 0) >= desired && (status.AvailableReplicas ?? 0) >= desired
            ? WorkloadState.Running
            : WorkloadState.Pending;
    }

    /// <summary>The privileged containers (and init containers) of the Deployment's pod template.</summary>
    public static int PrivilegedContainers(V1Deployment deployment)
    {
        var pod = deployment.Spec?.Template?.Spec;
        int count = (pod?.Containers ?? []).Count(c => c.SecurityContext?.Privileged == true)
            + (pod?.InitContainers ?? []).Count(c => c.SecurityContext?.Privileged == true);
        return count * Math.Max(0, deployment.Spec?.Replicas ?? 1);
    }

    private static string? Find(IReadOnlyList<KeyValuePair<string, string>> labels, string key)
    {
        foreach (var (k, v) in labels)
        {
            if (k == key)
            {
                return v;
            }
        }

        return null;
    }
}
