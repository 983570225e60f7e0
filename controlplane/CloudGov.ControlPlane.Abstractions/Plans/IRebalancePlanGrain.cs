namespace CloudGov.ControlPlane.Abstractions.Plans;

/// <summary>One rebalance plan (keyed by plan id): its lifecycle, moves and decisions, stored durably.</summary>
[Alias("cloudgov.IRebalancePlanGrain")]
public interface IRebalancePlanGrain : IGrainWithStringKey
{
    /// <summary>Stores a newly proposed (possibly auto-approved) plan; WrongState if this id already holds one.</summary>
    [Alias("Create")]
    Task<PlanCommandResult> CreateAsync(PlanRecord plan);

    /// <summary>Returns the plan (expiry applied as of now); null if none was stored under this id.</summary>
    [Alias("Get")]
    Task<PlanRecord?> GetAsync();

    /// <summary>Approves a Proposed plan.</summary>
    [Alias("Approve")]
    Task<PlanCommandResult> ApproveAsync(string approver, string reason);

    /// <summary>Cancels a Proposed or Approved plan.</summary>
    [Alias("Cancel")]
    Task<PlanCommandResult> CancelAsync(string by, string reason);

    /// <summary>
    /// A zone's news for this plan (a command of the plan was answered, or a workload it placed changed state): step now
    /// instead of at the next <c>Plans:Execution:PollInterval</c>. A hint: one-way, and harmless when lost or repeated.
    /// </summary>
    [Alias("ZoneChanged"), Orleans.Concurrency.OneWay]
    Task ZoneChangedAsync(string zoneId);
}
