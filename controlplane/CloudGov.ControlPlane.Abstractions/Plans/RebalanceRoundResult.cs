namespace CloudGov.ControlPlane.Abstractions.Plans;

/// <summary>What one rebalance round did.</summary>
/// <param name="Plan">The plan computed (stored unless a dry run or empty); null when the round was skipped.</param>
/// <param name="Stored">True when the plan was stored as a plan grain.</param>
/// <param name="SkippedReason">Why the round did not compute a plan; empty when it did.</param>
/// <param name="ComputeSeconds">Seconds spent building the snapshot and running the scheduler.</param>
[GenerateSerializer, Immutable, Alias("cloudgov.RebalanceRoundResult")]
public sealed record RebalanceRoundResult(
    [property: Id(0)] PlanRecord? Plan,
    [property: Id(1)] bool Stored,
    [property: Id(2)] string SkippedReason,
    [property: Id(3)] double ComputeSeconds);
