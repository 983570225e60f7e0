using CloudGov.ControlPlane.Abstractions.Audit;
using CloudGov.ControlPlane.Abstractions.Baselines;

namespace CloudGov.ControlPlane.Audit;

/// <summary>
/// The audit side of the baseline API's waiver decisions: each request, approval and revocation is recorded under the RPC's
/// authenticated caller before the baseline grain makes it (nothing is decided when the entry cannot be stored), with its
/// outcome: the waiver's id, state, scope and expiry.
/// </summary>
internal sealed class BaselineWaiverAudit(IAuditTrail trail)
{
    /// <summary>Records and makes one waiver decision.</summary>
    public Task<WaiverResult> DecideAsync(ServerCallContext context, AuditAction action, string reason, IEnumerable<string> targets, Func<Task<WaiverResult>> decide, params (string Key, string Value)[] detail)
    {
        var draft = AuditEntryDraft.Of(OperationsAudit.ActorOf(context), action, reason, targets, detail);
        return OperationsAudit.Recorded(trail.DecideAsync(draft, decide, Outcome, context.CancellationToken));
    }

    private static AuditOutcome Outcome(WaiverResult result) =>
        result.Waiver is { } w && result.Succeeded
            ? AuditOutcome.Applied(("waiver_id", w.WaiverId), ("state", w.State.ToString()), ("rule_id", w.RuleId), ("zone_id", w.ZoneId), ("workload_id", w.WorkloadId), ("expires_at", w.ExpiresAt.ToString("O")))
            : AuditOutcome.NotApplied($"{result.Failure}: {result.Message}");
}
