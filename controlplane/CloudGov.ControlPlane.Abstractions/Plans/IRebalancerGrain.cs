namespace CloudGov.ControlPlane.Abstractions.Plans;

/// <summary>
/// The cluster's rebalancer (key 0): builds the one-cloud snapshot, runs the scheduler and stores plans. Rounds run
/// one at a time, whichever host asked.
/// </summary>
[Alias("cloudgov.IRebalancerGrain")]
public interface IRebalancerGrain : IGrainWithIntegerKey
{
    /// <summary>Computes a plan; a dry run returns it without storing, otherwise it is stored and the auto-approval policy applied.</summary>
    [Alias("Propose")]
    Task<RebalanceRoundResult> ProposeAsync(PlanTrigger trigger, bool dryRun);

    /// <summary>
    /// Computes and stores a plan because zone <paramref name="zoneId"/> violates baseline rule <paramref name="ruleId"/>,
    /// whose action is to evacuate it (the snapshot makes its movable workloads required moves); the auto-approval
    /// policy applies as to every plan.
    /// </summary>
    [Alias("ProposeEvacuation")]
    Task<RebalanceRoundResult> ProposeEvacuationAsync(string zoneId, string ruleId);

    /// <summary>The stored plans, newest first (at most <c>Plans:Retain</c>), expiry applied.</summary>
    [Alias("List")]
    Task<ImmutableArray<PlanRecord>> ListAsync();
}
