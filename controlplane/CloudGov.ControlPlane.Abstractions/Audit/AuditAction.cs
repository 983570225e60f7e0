namespace CloudGov.ControlPlane.Abstractions.Audit;

/// <summary>
/// What a recorded decision did. Stored by name (<see cref="AuditActionNames"/>: the member name in snake_case), so
/// numbers only matter on the wire; never reuse or renumber a value, never rename a member that has been released.
/// </summary>
/// <remarks>Ranges: 1–99 plans, placement, intent and bookkeeping (audit stream); 100–199 quota and tenants (quota stream).</remarks>
public enum AuditAction
{
    /// <summary>Not a recorded action (an unknown stored name reads as this).</summary>
    Unspecified = 0,

    /// <summary>A rebalance round stored a new plan as Proposed.</summary>
    PlanProposed = 1,

    /// <summary>An operator approved a Proposed plan.</summary>
    PlanApproved = 2,

    /// <summary>The configured auto-approval policy approved a new plan.</summary>
    PlanAutoApproved = 3,

    /// <summary>An operator cancelled a plan (or asked an executing one to stop).</summary>
    PlanCancelled = 4,

    /// <summary>The scheduler cancelled an older Proposed plan because a newer one superseded it.</summary>
    PlanSuperseded = 5,

    /// <summary>A new workload was placed in a zone (place command queued).</summary>
    WorkloadPlaced = 10,

    /// <summary>The registered intent of one or more workloads changed.</summary>
    IntentChanged = 11,

    /// <summary>
    /// A decision recorded just before did not take effect (refused or failed); <c>detail.refers_to</c> names its
    /// sequence number and the reason says why.
    /// </summary>
    DecisionNotApplied = 20,

    /// <summary>
    /// A decision recorded just before took effect and its outcome decided more (e.g. the zone a placement chose):
    /// <c>detail.refers_to</c> names its sequence number, the rest of the detail says what.
    /// </summary>
    DecisionApplied = 21,

    /// <summary>A tenant asked for more or less quota (the outcome entry says whether the auto-approval policy decided it, and by which rule).</summary>
    QuotaRequested = 100,

    /// <summary>A tenant withdrew a pending quota request.</summary>
    QuotaRequestCancelled = 101,

    /// <summary>An operator approved a quota request, fully or partly.</summary>
    QuotaApproved = 102,

    /// <summary>An operator rejected a quota request.</summary>
    QuotaRejected = 103,

    /// <summary>An operator created a tenant.</summary>
    TenantCreated = 110,

    /// <summary>An operator changed a tenant's name or allocation.</summary>
    TenantUpdated = 111,

    /// <summary>An operator moved a tenant under another parent.</summary>
    TenantMoved = 112,

    /// <summary>An operator deleted a tenant.</summary>
    TenantDeleted = 113,

    /// <summary>A waiver of a security-baseline rule was requested (200-209: the security baseline).</summary>
    WaiverRequested = 200,

    /// <summary>A waiver was approved by an operator or auditor.</summary>
    WaiverApproved = 201,

    /// <summary>A waiver was revoked by an operator or auditor.</summary>
    WaiverRevoked = 202,
}
