namespace CloudGov.Scheduling.Rebalancing;

/// <summary>A rebalancing strategy: pure and deterministic over a snapshot, returning a proposed plan.</summary>
public interface IRebalanceStrategy
{
    /// <summary>The strategy's registry name, e.g. <c>cloudgov</c>.</summary>
    string Name { get; }

    /// <summary>Plans the moves for the request's snapshot at the request's time.</summary>
    RebalancePlan Plan(RebalanceRequest request);
}
