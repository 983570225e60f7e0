namespace CloudGov.ControlPlane.Grains.Tenants;

/// <summary>The auto-approval policy's verdict: approve now or wait for an operator, the rule that said so and why.</summary>
internal sealed record QuotaVerdict(bool Approve, string Rule, string Reason);
