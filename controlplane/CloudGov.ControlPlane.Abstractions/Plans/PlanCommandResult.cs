namespace CloudGov.ControlPlane.Abstractions.Plans;

/// <summary>The result of a command on a plan: the outcome, the plan as it is now (null if unknown) and a message.</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.PlanCommandResult")]
public sealed record PlanCommandResult(
    [property: Id(0)] PlanCommandOutcome Outcome,
    [property: Id(1)] PlanRecord? Plan,
    [property: Id(2)] string Message);
