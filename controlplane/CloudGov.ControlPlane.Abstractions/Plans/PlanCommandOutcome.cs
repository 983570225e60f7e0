namespace CloudGov.ControlPlane.Abstractions.Plans;

/// <summary>How a command on a plan ended.</summary>
[GenerateSerializer, Alias("cloudgov.PlanCommandOutcome")]
public enum PlanCommandOutcome
{
    /// <summary>Done; the plan changed and was stored.</summary>
    Done = 0,

    /// <summary>No plan with that id.</summary>
    NotFound = 1,

    /// <summary>The plan is in a state where the command does not apply; nothing changed.</summary>
    WrongState = 2,

    /// <summary>The plan no longer holds against the one cloud as it is now (its moves would break a rule); nothing changed.</summary>
    Invalid = 3,
}
