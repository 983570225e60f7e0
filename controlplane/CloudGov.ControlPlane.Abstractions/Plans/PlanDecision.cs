namespace CloudGov.ControlPlane.Abstractions.Plans;

/// <summary>One recorded decision on a plan: who moved it from which state to which, when and why.</summary>
/// <param name="From">The state before (null for the proposal itself).</param>
/// <param name="To">The state after.</param>
/// <param name="By">Who decided: an operator's name, <c>policy:auto-approval</c>, <c>scheduler</c> or <c>clock</c>.</param>
/// <param name="At">When (control-plane domain time).</param>
/// <param name="Reason">Why, in the decider's words.</param>
[GenerateSerializer, Immutable, Alias("cloudgov.PlanDecision")]
public sealed record PlanDecision(
    [property: Id(0)] PlanState? From,
    [property: Id(1)] PlanState To,
    [property: Id(2)] string By,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string Reason);
