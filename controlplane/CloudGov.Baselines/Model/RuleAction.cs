namespace CloudGov.Baselines.Model;

/// <summary>What an enforced violation also triggers. Values equal the baseline API's RuleAction.</summary>
public enum RuleAction
{
    /// <summary>Nothing beyond blocking.</summary>
    None = 0,

    /// <summary>The zone is quarantined: nothing new is placed, its workloads stay; resolution lifts it.</summary>
    Quarantine = 1,

    /// <summary>An evacuation plan for the affected workloads is proposed through the normal plan lifecycle.</summary>
    Evacuate = 2,
}
