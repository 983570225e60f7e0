using CloudGov.ControlPlane.Abstractions.Plans;
using Prometheus;

namespace CloudGov.ControlPlane.Metrics;

/// <summary>
/// How long the retained plans that still wait for something have gone without progress, by state: the signal behind
/// the PlanStuck alert. Refreshed on scrape from the rebalancer's plans; three series, 0 where no plan is in the state.
/// </summary>
internal sealed class PlanProgressMetrics(IMetricFactory factory)
{
    /// <summary>The states in which a plan waits: for a decision, for execution to start, for its moves.</summary>
    internal static readonly PlanState[] WaitingStates = [PlanState.Proposed, PlanState.Approved, PlanState.Executing];

    private readonly Gauge _age = Initialised(factory.CreateGauge(
        "cloudgov_plan_progress_age_seconds",
        "Largest seconds since the last progress (a decision, or a move starting or finishing) of a retained plan in the state (Proposed, Approved, Executing); 0 when none.",
        ["state"]));

    /// <summary>Sets each waiting state's gauge from <paramref name="plans"/> at <paramref name="now"/>.</summary>
    public void Observe(IReadOnlyList<PlanRecord> plans, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(plans);
        foreach (var state in WaitingStates)
        {
            double oldest = 0;
            foreach (var plan in plans)
            {
                if (plan.State == state)
                {
                    oldest = Math.Max(oldest, (now - LastProgress(plan)).TotalSeconds);
                }
            }

            _age.WithLabels(state.ToString()).Set(oldest);
        }
    }

    /// <summary>The plan's latest decision, or the latest start or finish of one of its moves when later.</summary>
    internal static DateTimeOffset LastProgress(PlanRecord plan)
    {
        var last = plan.History.IsDefaultOrEmpty ? plan.ProposedAt : plan.History[^1].At;
        foreach (var move in plan.Moves)
        {
            if (move.StartedAt is { } started && started > last)
            {
                last = started;
            }

            if (move.FinishedAt is { } finished && finished > last)
            {
                last = finished;
            }
        }

        return last;
    }

    private static Gauge Initialised(Gauge gauge)
    {
        foreach (var state in WaitingStates)
        {
            gauge.WithLabels(state.ToString()).Set(0);
        }

        return gauge;
    }
}
