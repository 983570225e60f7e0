using CloudGov.ControlPlane.Abstractions.Tenants;

namespace CloudGov.ControlPlane.Grains.Tenants;

/// <summary>
/// Where committed quota decisions go (the audit trail registers one): called once per decision, after its write
/// succeeded, in commit order. A sink that throws is logged and does not undo the decision.
/// </summary>
public interface IQuotaDecisionSink
{
    /// <summary>Records decisions that are now durable.</summary>
    Task RecordAsync(IReadOnlyList<QuotaDecision> decisions);
}
