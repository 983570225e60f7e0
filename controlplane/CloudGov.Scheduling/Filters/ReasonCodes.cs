namespace CloudGov.Scheduling.Filters;

/// <summary>Stable reason codes carried by rejections, moves and plan notes.</summary>
public static class ReasonCodes
{
    /// <summary>Not enough allocatable capacity left under the headroom.</summary>
    public const string CapacityInsufficient = "CAPACITY_INSUFFICIENT";

    /// <summary>The zone's MLPS level is below the workload's.</summary>
    public const string MlpsLevelTooLow = "MLPS_LEVEL_TOO_LOW";

    /// <summary>The zone's region is not in the workload's residency list.</summary>
    public const string ResidencyNotAllowed = "RESIDENCY_NOT_ALLOWED";

    /// <summary>The zone is on another network plane.</summary>
    public const string NetworkPlaneMismatch = "NETWORK_PLANE_MISMATCH";

    /// <summary>The zone is not Ready.</summary>
    public const string ZoneNotReady = "ZONE_NOT_READY";

    /// <summary>The zone fails an enforced security baseline.</summary>
    public const string ZoneNotCompliant = "ZONE_NOT_COMPLIANT";

    /// <summary>A workload of the same anti-affinity group already runs in the zone.</summary>
    public const string AntiAffinityConflict = "ANTI_AFFINITY_CONFLICT";

    /// <summary>The tenant's quota does not cover the request.</summary>
    public const string TenantQuotaExceeded = "TENANT_QUOTA_EXCEEDED";

    /// <summary>Move reason: the source zone is over its target utilization.</summary>
    public const string ZoneOverTarget = "ZONE_OVER_TARGET";

    /// <summary>Move reason: the source zone is draining.</summary>
    public const string ZoneDraining = "ZONE_DRAINING";

    /// <summary>Move reason: the source zone violates an enforced security-baseline rule with the evacuate action.</summary>
    public const string BaselineEvacuation = "ZONE_BASELINE_EVACUATION";

    /// <summary>Move reason: the workload's current zone no longer satisfies its hard constraints.</summary>
    public const string PlacementViolation = "PLACEMENT_VIOLATION";

    /// <summary>
    /// Move reason: the workload leaves a zone under target so that a workload of an over-target zone fits there
    /// (the next move of the plan that names this zone as its destination).
    /// </summary>
    public const string MakeRoom = "MAKE_ROOM";

    /// <summary>Move reason: the move lowers imbalance among the zones the workload may use.</summary>
    public const string ImbalanceReduction = "IMBALANCE_REDUCTION";

    /// <summary>Plan note: a zone stays over target because nothing feasible remains.</summary>
    public const string ZoneStillHot = "ZONE_STILL_HOT";

    /// <summary>Plan note: a freeze window blocks the plan or a zone.</summary>
    public const string FreezeWindowActive = "FREEZE_WINDOW_ACTIVE";

    /// <summary>Plan note: a migration budget stopped further moves.</summary>
    public const string BudgetExhausted = "BUDGET_EXHAUSTED";

    /// <summary>Placement: no zone passes every filter.</summary>
    public const string NoZoneFits = "NO_ZONE_FITS";
}
