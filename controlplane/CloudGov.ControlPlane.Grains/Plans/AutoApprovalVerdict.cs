namespace CloudGov.ControlPlane.Grains.Plans;

/// <summary>The auto-approval policy's answer: approved or not, and every reason (each refusal, or why it passed).</summary>
public sealed record AutoApprovalVerdict(bool Approved, ImmutableArray<PlanReason> Reasons);
