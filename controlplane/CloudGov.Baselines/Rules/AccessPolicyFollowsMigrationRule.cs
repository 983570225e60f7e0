using CloudGov.Baselines.Model;

namespace CloudGov.Baselines.Rules;

/// <summary>
/// The access-control policy moves with a migrated workload (GB/T 22239-2019 8.2.4.2 a): the policy its zone reports in
/// force equals the one its intent carries. The plan executor checks it after every move and rolls the move back on a mismatch.
/// </summary>
public sealed class AccessPolicyFollowsMigrationRule : IBaselineRule
{
    /// <summary>The rule's id.</summary>
    public const string RuleId = "access-policy-follows-migration";

    /// <inheritdoc />
    public RuleDescriptor Descriptor { get; } = new(
        RuleId,
        "The access-control policy moves with a migrated workload",
        RuleSource.Mlps,
        "GB/T 22239-2019 8.2.4.2 (访问控制 a: 虚拟机迁移时访问控制策略随其迁移)",
        RuleSubject.WorkloadInZone,
        LevelSet.From(2),
        Severity.High,
        RuleMode.Enforce,
        RuleAction.None,
        "在目标云区重新下发该系统的访问控制策略；迁移已回滚。",
        "Apply the workload's access-control policy in the target zone; the move was rolled back.",
        [FactKeys.WorkloadAccessPolicy, FactKeys.WorkloadObservedAccessPolicy]);

    /// <inheritdoc />
    public RuleVerdict Evaluate(ZoneFacts? zone, WorkloadFacts? workload)
    {
        if (workload is null || workload.AccessPolicy.Length == 0)
        {
            return RuleVerdict.NotApplicable;
        }

        var observed = workload.ObservedAccessPolicy;
        var evidence = new Evidence(FactKeys.WorkloadObservedAccessPolicy, observed ?? Evidence.Absent, $"= {workload.AccessPolicy}");
        return string.Equals(observed, workload.AccessPolicy, StringComparison.Ordinal)
            ? RuleVerdict.Pass(evidence)
            : RuleVerdict.Violation(
                $"the access-control policy in force ({observed ?? "none"}) is not the workload's ({workload.AccessPolicy})",
                $"生效的访问控制策略（{observed ?? "无"}）与该系统的策略（{workload.AccessPolicy}）不一致",
                evidence);
    }
}
