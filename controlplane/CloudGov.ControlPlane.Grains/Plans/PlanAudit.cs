using System.Globalization;
using CloudGov.ControlPlane.Abstractions.Audit;

namespace CloudGov.ControlPlane.Grains.Plans;

/// <summary>
/// The audit entries of the plan decisions the grains make themselves (README "Audit trail"): a round's proposal (and
/// its auto-approval by policy) and the supersede of older Proposed plans. Each is recorded before it is made; a
/// decision whose entry cannot be stored is not made.
/// </summary>
internal static class PlanAudit
{
    /// <summary>Records the proposal of <paramref name="record"/> (and its auto-approval when it is Approved), then runs <paramref name="store"/>.</summary>
    public static Task<PlanCommandResult> ProposeAsync(IAuditTrail audit, PlanRecord record, Func<Task<PlanCommandResult>> store)
    {
        var proposer = AuditCallContext.CurrentOr(AuditActor.System(PlanActors.Scheduler));
        var proposed = AuditEntryDraft.Of(
            proposer,
            AuditAction.PlanProposed,
            record.History.Length > 0 ? record.History[0].Reason : $"{record.Trigger} rebalance round",
            [record.PlanId],
            ("trigger", record.Trigger.ToString()),
            ("strategy", record.Strategy),
            ("move_count", record.Moves.Length.ToString(CultureInfo.InvariantCulture)),
            ("workload_ids", string.Join(",", record.Moves.Select(m => m.WorkloadId).Take(20))),
            ("expires_at", record.ExpiresAt.ToString("O", CultureInfo.InvariantCulture)));
        return audit.DecideAsync(
            proposed,
            async () =>
            {
                if (record.State == PlanState.Approved && record.AutoApproved)
                {
                    await audit.AppendAsync(AuditEntryDraft.Of(
                        AuditActor.System(PlanActors.AutoApproval),
                        AuditAction.PlanAutoApproved,
                        record.History[^1].Reason,
                        [record.PlanId],
                        ("rules", string.Join(",", record.PolicyVerdict.Select(r => r.Code)))));
                }

                return await store();
            },
            Outcome);
    }

    /// <summary>Records that <paramref name="planId"/> is superseded by <paramref name="newPlanId"/>, then runs <paramref name="cancel"/>.</summary>
    public static Task<PlanCommandResult> SupersedeAsync(IAuditTrail audit, string planId, string newPlanId, string reason, Func<Task<PlanCommandResult>> cancel) =>
        audit.DecideAsync(
            AuditEntryDraft.Of(AuditActor.System(PlanActors.Scheduler), AuditAction.PlanSuperseded, reason, [planId, newPlanId], ("superseded_by", newPlanId)),
            cancel,
            Outcome);

    /// <summary>A plan command's result as an audit outcome.</summary>
    public static AuditOutcome Outcome(PlanCommandResult result) =>
        result.Outcome == PlanCommandOutcome.Done ? AuditOutcome.Applied() : AuditOutcome.NotApplied($"{result.Outcome}: {result.Message}");
}
