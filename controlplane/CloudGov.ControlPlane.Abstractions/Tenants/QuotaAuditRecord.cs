using CloudGov.ControlPlane.Abstractions.Audit;

namespace CloudGov.ControlPlane.Abstractions.Tenants;

/// <summary>
/// The audit side of one quota command, stored in the same transaction as the command's effect: the decision's entry
/// (who, what, why) and right after it what became of it — <c>decision_applied</c> with the outcome's detail, or
/// <c>decision_not_applied</c> with the reason it was refused (nothing changed then).
/// </summary>
/// <param name="Decision">The entry of the decision as the caller asked for it.</param>
/// <param name="Outcome">What the quota grain decided.</param>
public sealed record QuotaAuditRecord(AuditEntryDraft Decision, AuditOutcome Outcome);
