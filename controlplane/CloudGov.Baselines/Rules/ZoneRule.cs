using CloudGov.Baselines.Model;

namespace CloudGov.Baselines.Rules;

/// <summary>A rule over one zone's facts; a workload given with it is ignored.</summary>
public abstract class ZoneRule : IBaselineRule
{
    /// <inheritdoc />
    public abstract RuleDescriptor Descriptor { get; }

    /// <inheritdoc />
    public RuleVerdict Evaluate(ZoneFacts? zone, WorkloadFacts? workload) => zone is null ? RuleVerdict.NotApplicable : Check(zone);

    /// <summary>The verdict on <paramref name="zone"/>.</summary>
    protected abstract RuleVerdict Check(ZoneFacts zone);
}
