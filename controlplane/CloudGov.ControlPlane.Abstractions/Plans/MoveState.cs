namespace CloudGov.ControlPlane.Abstractions.Plans;

/// <summary>Where one move of a plan is. Execution (make-before-break) fills in the states after Pending.</summary>
[GenerateSerializer, Alias("cloudgov.MoveState")]
public enum MoveState
{
    /// <summary>Not started.</summary>
    Pending = 1,

    /// <summary>Placed on the target and removed from the source.</summary>
    Completed = 2,

    /// <summary>Failed; the workload stayed (or was restored) in its source zone.</summary>
    RolledBack = 3,

    /// <summary>Not attempted because the plan ended first (cancelled, or execution stopped).</summary>
    Skipped = 4,
}
