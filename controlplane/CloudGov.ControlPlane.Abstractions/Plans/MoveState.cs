namespace CloudGov.ControlPlane.Abstractions.Plans;

/// <summary>
/// Where one move of a plan is. Execution is make-before-break: Pending → Placing (the target's agent places the
/// workload; the move waits until the target reports it Running) → Removing (the source's agent removes it) →
/// Completed. A failed or late placement, or a failed removal, goes RollingBack (the target's agent removes the copy it
/// placed; the source keeps the workload) → RolledBack. Numeric values are stored and sent on the wire; never reuse them.
/// </summary>
[GenerateSerializer, Alias("cloudgov.MoveState")]
public enum MoveState
{
    /// <summary>Not started.</summary>
    Pending = 1,

    /// <summary>Placed on the target and removed from the source.</summary>
    Completed = 2,

    /// <summary>Failed; the workload stayed (or was restored) in its source zone, and the target holds no copy.</summary>
    RolledBack = 3,

    /// <summary>Not attempted: the plan was cancelled, or the move no longer applied when its turn came.</summary>
    Skipped = 4,

    /// <summary>The target's agent was told to place the workload; waiting until the target reports it Running.</summary>
    Placing = 5,

    /// <summary>Running in the target; the source's agent was told to remove it. Waits for the source's answer.</summary>
    Removing = 6,

    /// <summary>The move failed; the target's agent was told to remove the copy it placed. Waits for its answer.</summary>
    RollingBack = 7,
}

/// <summary>Which move states are which.</summary>
public static class MoveStates
{
    /// <summary>True while the move is being carried out (it holds a concurrency slot).</summary>
    public static bool IsInFlight(this MoveState state) => state is MoveState.Placing or MoveState.Removing or MoveState.RollingBack;

    /// <summary>True once the move can no longer change.</summary>
    public static bool IsFinished(this MoveState state) => state is MoveState.Completed or MoveState.RolledBack or MoveState.Skipped;
}
