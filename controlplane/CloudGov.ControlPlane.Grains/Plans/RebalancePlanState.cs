namespace CloudGov.ControlPlane.Grains.Plans;

/// <summary>What a plan grain stores. Replaced whole on every change, so a failed write can be undone.</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.RebalancePlanState")]
public sealed record RebalancePlanState
{
    /// <summary>The plan; null until created.</summary>
    [Id(0)] public PlanRecord? Plan { get; init; }
}
