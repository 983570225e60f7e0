using CloudGov.Baselines.Model;

namespace CloudGov.Baselines;

/// <summary>
/// One baseline rule: pure and deterministic over facts. A zone rule is given the zone only (<c>workload</c> null); a
/// workload-in-zone rule the pair; a workload rule the workload (and its zone when it has one).
/// </summary>
public interface IBaselineRule
{
    /// <summary>What the rule is.</summary>
    RuleDescriptor Descriptor { get; }

    /// <summary>The verdict on the subject.</summary>
    RuleVerdict Evaluate(ZoneFacts? zone, WorkloadFacts? workload);
}
