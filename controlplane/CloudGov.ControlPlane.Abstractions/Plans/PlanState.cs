namespace CloudGov.ControlPlane.Abstractions.Plans;

/// <summary>Where a rebalance plan is in its lifecycle. Numeric values are stored and sent on the wire; never reuse them.</summary>
[GenerateSerializer, Alias("cloudgov.PlanState")]
public enum PlanState
{
    /// <summary>Computed by the scheduler, waiting for a decision.</summary>
    Proposed = 1,

    /// <summary>Approved by an operator or the auto-approval policy; waiting to execute.</summary>
    Approved = 2,

    /// <summary>Its moves are being carried out.</summary>
    Executing = 3,

    /// <summary>Every move succeeded.</summary>
    Completed = 4,

    /// <summary>Execution ended with at least one move failed (and rolled back).</summary>
    PartiallyFailed = 5,

    /// <summary>
    /// Cancelled by an operator (or superseded by a newer proposal) before it executed, or stopped by an operator while
    /// executing (moves already started were finished or rolled back; the rest were skipped).
    /// </summary>
    Cancelled = 6,

    /// <summary>Not decided within <c>Plans:ExpireAfter</c>; its snapshot is too old to act on.</summary>
    Expired = 7,
}
