using CloudGov.ControlPlane.Abstractions.Baselines;

namespace CloudGov.ControlPlane.Grains.Baselines;

/// <summary>A violation seen now, before it is matched with the stored findings.</summary>
public sealed record FindingDraft(string ZoneId, string WorkloadId, string TenantId, BaselineViolation Violation)
{
    /// <summary>The stable finding id of (rule, zone, workload): "f-" and 16 lowercase hex digits.</summary>
    public string FindingId => FindingIds.Of(Violation.RuleId, ZoneId, WorkloadId);
}
