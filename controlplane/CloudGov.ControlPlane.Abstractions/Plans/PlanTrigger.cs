namespace CloudGov.ControlPlane.Abstractions.Plans;

/// <summary>What asked for a plan.</summary>
[GenerateSerializer, Alias("cloudgov.PlanTrigger")]
public enum PlanTrigger
{
    /// <summary>An operator through the operations API.</summary>
    Manual = 1,

    /// <summary>The periodic rebalance trigger (<c>Plans:RebalanceSchedule</c>).</summary>
    Scheduled = 2,

    /// <summary>The security baseline: a zone violates an enforced rule with the evacuate action.</summary>
    Baseline = 3,
}
