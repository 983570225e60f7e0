namespace CloudGov.ControlPlane.Grains.Plans;

/// <summary>Told what rebalance rounds and plan execution did, for metrics. Implementations must be cheap and must not throw.</summary>
public interface IPlanExecutionObserver
{
    /// <summary>
    /// A rebalance round ended, whatever asked for it (an operator, the schedule, or a baseline evacuation);
    /// told on the host whose rebalancer ran it.
    /// </summary>
    void RoundFinished(PlanTrigger trigger, RebalanceRoundResult round, bool dryRun);

    /// <summary>A move reached Completed, RolledBack or Skipped.</summary>
    void MoveFinished(PlanRecord plan, PlanMove move);

    /// <summary>A plan reached a terminal state through execution.</summary>
    void PlanFinished(PlanRecord plan);
}
