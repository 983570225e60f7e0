using CloudGov.Baselines.Model;

namespace CloudGov.Baselines.Rules;

/// <summary>No workload runs in a zone that the ledger does not know (未经授权新建虚拟机; GB/T 22239-2019 8.2.4.3 b).</summary>
public sealed class RogueWorkloadRule : IBaselineRule
{
    /// <summary>The rule's id.</summary>
    public const string RuleId = "no-rogue-workload";

    /// <summary>The ledger state of a workload reported by a zone without a registered intent.</summary>
    public const string UnmanagedState = "Unmanaged";

    /// <inheritdoc />
    public RuleDescriptor Descriptor { get; } = new(
        RuleId,
        "No workload runs that the ledger does not know (rogue VM)",
        RuleSource.Mlps,
        "GB/T 22239-2019 8.2.4.3 (入侵防范 b: 检测非授权新建虚拟机)",
        RuleSubject.WorkloadInZone,
        LevelSet.All,
        Severity.High,
        RuleMode.Audit,
        RuleAction.None,
        "在一本账中登记该工作负载的意图，或将其删除。",
        "Register the workload's intent in the ledger, or remove it.",
        [FactKeys.LedgerState]);

    /// <inheritdoc />
    public RuleVerdict Evaluate(ZoneFacts? zone, WorkloadFacts? workload)
    {
        if (workload is null || workload.LedgerState.Length == 0)
        {
            return RuleVerdict.NotApplicable;
        }

        var evidence = new Evidence(FactKeys.LedgerState, workload.LedgerState, $"not {UnmanagedState}");
        return string.Equals(workload.LedgerState, UnmanagedState, StringComparison.Ordinal)
            ? RuleVerdict.Violation("runs without an intent registered in the ledger", "运行中但未在一本账登记", evidence)
            : RuleVerdict.Pass(evidence);
    }
}
