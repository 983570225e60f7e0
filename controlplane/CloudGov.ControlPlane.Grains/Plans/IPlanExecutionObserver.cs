namespace CloudGov.ControlPlane.Grains.Plans;

/// <summary>Told what plan execution did, for metrics. Implementations must be cheap and must not throw.</summary>
public interface IPlanExecutionObserver
{
    /// <summary>A move reached Completed, RolledBack or Skipped.</summary>
    void MoveFinished(PlanRecord plan, PlanMove move);

    /// <summary>A plan reached a terminal state through execution.</summary>
    void PlanFinished(PlanRecord plan);
}
