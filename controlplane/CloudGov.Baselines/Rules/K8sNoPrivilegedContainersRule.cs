using CloudGov.Baselines.Model;
using CloudGov.Domain;

namespace CloudGov.Baselines.Rules;

/// <summary>No privileged containers on Kubernetes (CIS Kubernetes Benchmark v1.9.0, 5.2.2).</summary>
public sealed class K8sNoPrivilegedContainersRule : ZoneRule
{
    /// <summary>The rule's id.</summary>
    public const string RuleId = "k8s-no-privileged-containers";

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        RuleId,
        "No privileged containers run on Kubernetes",
        RuleSource.Cis,
        "CIS Kubernetes Benchmark v1.9.0, 5.2.2",
        RuleSubject.Zone,
        LevelSet.From(2),
        Severity.High,
        RuleMode.Enforce,
        RuleAction.None,
        "移除特权容器，并以 Pod Security Admission（restricted）禁止新建。",
        "Remove privileged containers and refuse new ones with Pod Security Admission (restricted).",
        [FactKeys.K8sPrivilegedContainers, FactKeys.ZoneProvider]);

    /// <inheritdoc />
    protected override RuleVerdict Check(ZoneFacts zone) =>
        zone.Provider != ProviderKind.Kubernetes
            ? RuleVerdict.NotApplicable
            : FactCheck.Within(zone, FactKeys.K8sPrivilegedContainers, 0, 0, "privileged containers are running", "存在运行中的特权容器");
}
