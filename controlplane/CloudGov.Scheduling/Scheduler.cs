using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Placement;
using CloudGov.Scheduling.Quota;
using CloudGov.Scheduling.Rebalancing;
using CloudGov.Scheduling.Scores;

namespace CloudGov.Scheduling;

/// <summary>
/// The entry point grains call: placement and rebalancing over one snapshot, with the standard filters and
/// scores. Immutable and thread-safe; build once per options change.
/// </summary>
public sealed class Scheduler
{
    /// <summary>Creates a scheduler with the standard filters and scores and the CloudGov strategy registered.</summary>
    public Scheduler(SchedulingOptions options, CloudGovRebalanceOptions rebalanceOptions, ITenantQuotaView? quota = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> errors = SchedulingOptionsValidator.Validate(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _options = options;
        _rebalanceOptions = rebalanceOptions;
        Filters = FilterPipeline.CreateDefault(options, quota);
        Scores = ScoreSet.CreateDefault(options);
        Placement = new PlacementEngine(Filters, Scores);
        Strategies = new RebalanceStrategyRegistry([new CloudGovRebalanceStrategy(rebalanceOptions, Filters, Scores)]);
    }

    private readonly SchedulingOptions _options;
    private readonly CloudGovRebalanceOptions _rebalanceOptions;

    /// <summary>The same scheduler judging tenant quota with <paramref name="quota"/> (e.g. the hierarchy as it stands now).</summary>
    public Scheduler WithQuota(ITenantQuotaView quota) => new(_options, _rebalanceOptions, quota);

    /// <summary>The filters in use.</summary>
    public FilterPipeline Filters { get; }

    /// <summary>The scores in use.</summary>
    public ScoreSet Scores { get; }

    /// <summary>The placement engine.</summary>
    public PlacementEngine Placement { get; }

    /// <summary>The registered rebalance strategies.</summary>
    public RebalanceStrategyRegistry Strategies { get; }

    /// <summary>Places a new workload into the snapshot's cloud.</summary>
    public PlacementResult Place(CloudSnapshot snapshot, WorkloadSnapshot workload) => Placement.Place(snapshot, workload);

    /// <summary>Plans a rebalance with the named strategy (default <c>cloudgov</c>) at time <paramref name="now"/>.</summary>
    public RebalancePlan Rebalance(CloudSnapshot snapshot, DateTimeOffset now, string strategy = CloudGovRebalanceStrategy.StrategyName) =>
        Strategies.Get(strategy).Plan(new RebalanceRequest(snapshot, now));
}
