namespace CloudGov.ControlPlane.Grains.Plans;

/// <summary>What the rebalancer stores: the ids of the plans it keeps listing, newest first.</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.RebalancerState")]
public sealed record RebalancerState
{
    /// <summary>Plan ids, newest first, at most <see cref="PlanPolicyOptions.Retain"/>.</summary>
    [Id(0)] public ImmutableArray<string> PlanIds { get; init; } = [];
}
