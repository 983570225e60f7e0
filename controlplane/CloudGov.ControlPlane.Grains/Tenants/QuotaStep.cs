using CloudGov.ControlPlane.Abstractions.Tenants;

namespace CloudGov.ControlPlane.Grains.Tenants;

/// <summary>What one command of <see cref="QuotaBook"/> did: the next state, the answer, and the decision to record (null when nothing changed).</summary>
internal sealed record QuotaStep(TenantQuotaState State, QuotaResult Result, QuotaDecision? Decision)
{
    /// <summary>A refusal: the state unchanged.</summary>
    public static QuotaStep Refuse(TenantQuotaState state, QuotaResult result) => new(state, result, null);
}
