using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Rebalancing.CloudGovStrategy;
using CloudGov.Scheduling.Scores;

namespace CloudGov.Scheduling.Rebalancing;

/// <summary>
/// CloudGov's rebalancing strategy. In order: (1) required moves (<see cref="RequiredMovesPhase"/>) — evacuate
/// Draining zones and relocate workloads whose zone breaks a hard constraint; (2) cooling (<see cref="CoolingPhase"/>)
/// — every hot zone to its target with the fewest moves, with make-room chains (<see cref="MakeRoomPhase"/>) and
/// redundant moves dropped (<see cref="PruningPhase"/>); a zone that cannot be brought under keeps no moves; then
/// zones cooled with many moves are re-cooled with fewer when re-routing other zones' moves frees the room
/// (<see cref="ExchangePhase"/>); (3)
/// optional balance moves within the zones each workload may use (<see cref="BalancingPhase"/>). Steps repeat until
/// nothing changes, so a second run on the result proposes nothing. Destinations pass every filter and stay under
/// their own target (<see cref="Destinations"/>); budgets, cooldowns and freeze windows hold throughout.
/// Deterministic: every tie is broken by snapshot order.
/// </summary>
public sealed class CloudGovRebalanceStrategy : IRebalanceStrategy
{
    /// <summary>The strategy's registry name.</summary>
    public const string StrategyName = "cloudgov";

    /// <summary>Rounds of the required / cooling / balance loop before the final pass.</summary>
    private const int MaxRounds = 64;

    private readonly CloudGovRebalanceOptions _options;
    private readonly FilterPipeline _filters;
    private readonly ScoreSet _scores;
    private readonly IPlacementFilter[] _constraintFilters;

    /// <summary>Creates the strategy; throws <see cref="ArgumentException"/> when the options are invalid.</summary>
    public CloudGovRebalanceStrategy(CloudGovRebalanceOptions options, FilterPipeline filters, ScoreSet scores)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> errors = CloudGovRebalanceOptionsValidator.Validate(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _options = options;
        _filters = filters ?? throw new ArgumentNullException(nameof(filters));
        _scores = scores ?? throw new ArgumentNullException(nameof(scores));
        _constraintFilters = [.. filters.Filters.Where(f => f.IsStatic && f is not ZoneStatusFilter and not ZoneComplianceFilter)];
    }

    /// <inheritdoc />
    public string Name => StrategyName;

    /// <inheritdoc />
    /// <remarks>
    /// A plan that leaves zones hot (their excess cannot all be placed: the cloud's room is short) is planned once more
    /// with the hot zones cooled in the order of the room they need, least first, and the better of the two is kept —
    /// fewer zones left hot, then fewer moves, the first on a tie. Most-over first cools the zones in the worst state;
    /// where room is short it may spend on one of them the room that would have cooled two lesser ones.
    /// </remarks>
    public RebalancePlan Plan(RebalanceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        RebalancePlan plan = Plan(request, CoolingOrder.MostOverFirst);
        if (plan.HotZonesAfter == 0)
        {
            return plan;
        }

        RebalancePlan other = Plan(request, CoolingOrder.LeastRoomFirst);
        return (other.HotZonesAfter, other.Moves.Count).CompareTo((plan.HotZonesAfter, plan.Moves.Count)) < 0 ? other : plan;
    }

    private RebalancePlan Plan(RebalanceRequest request, CoolingOrder order)
    {
        var run = new RunState(request, _options, _filters, _scores, _constraintFilters);
        if (!ApplyFreezeWindows(run))
        {
            return run.Finish(StrategyName);
        }

        var destinations = new Destinations(run);
        var required = new RequiredMovesPhase(run, destinations);
        var makeRoom = new MakeRoomPhase(run, destinations);
        var pruning = new PruningPhase(run);
        var cooling = new CoolingPhase(run, destinations, makeRoom, pruning, order);
        var exchange = new ExchangePhase(run, destinations, makeRoom, pruning);
        var balancing = new BalancingPhase(run, destinations);
        for (int round = 0; round < MaxRounds; round++)
        {
            (int Count, long Signature) before = (run.ActiveMoves, run.Signature);
            required.Run(final: false);
            cooling.Run(final: false);
            if (_options.Exchange)
            {
                exchange.Run();
            }

            balancing.Run();
            if ((run.ActiveMoves, run.Signature) == before)
            {
                break;
            }
        }

        required.Run(final: true);
        cooling.Run(final: true);
        return run.Finish(StrategyName);
    }

    /// <summary>Marks frozen zones with a note each; false (with a note) when a cloud-wide window is active.</summary>
    private static bool ApplyFreezeWindows(RunState run)
    {
        foreach (FreezeWindow window in run.Snapshot.FreezeWindows)
        {
            if (!window.IsActive(run.Request.Now))
            {
                continue;
            }

            if (window.ZoneId is null)
            {
                run.Notes.Add(ReasonTexts.CloudFrozen(window));
                return false;
            }

            int z = run.Snapshot.IndexOfZone(window.ZoneId);
            if (!run.Frozen[z])
            {
                run.Frozen[z] = true;
                run.Notes.Add(ReasonTexts.ZoneFrozen(window));
            }
        }

        return true;
    }
}
