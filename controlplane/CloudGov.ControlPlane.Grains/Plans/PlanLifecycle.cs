namespace CloudGov.ControlPlane.Grains.Plans;

/// <summary>
/// The plan lifecycle, pure: Proposed → Approved → Executing → Completed | PartiallyFailed; Proposed | Approved →
/// Cancelled; Executing → (stop requested) → Cancelled once its moves in flight end; Proposed → Expired once
/// <see cref="PlanRecord.ExpiresAt"/> has passed. Each step returns a new record with the decision appended, or an
/// error naming the current state; the input is never changed.
/// </summary>
public static class PlanLifecycle
{
    /// <summary>Approves a Proposed, unexpired plan.</summary>
    public static PlanTransition Approve(PlanRecord plan, string by, DateTimeOffset now, string reason)
    {
        var current = Expire(plan, now);
        return current.State == PlanState.Proposed
            ? Step(current, PlanState.Approved, by, now, reason)
            : Refuse(current, "approve", "Proposed");
    }

    /// <summary>
    /// Cancels a Proposed or Approved plan (an expired one stays Expired). An Executing plan is asked to stop instead:
    /// it stays Executing (the decision is recorded), starts no further move, and ends Cancelled once the moves in
    /// flight have completed or rolled back. Asking an executing plan to stop twice is refused.
    /// </summary>
    public static PlanTransition Cancel(PlanRecord plan, string by, DateTimeOffset now, string reason)
    {
        var current = Expire(plan, now);
        if (current.State == PlanState.Executing)
        {
            return current.StopRequestedBy is null
                ? new(current with
                {
                    StopRequestedBy = by,
                    StopReason = reason,
                    History = current.History.Add(new PlanDecision(PlanState.Executing, PlanState.Executing, by, now, $"stop requested: {reason}")),
                }, null)
                : new(null, $"plan '{plan.PlanId}' is already stopping (asked by {current.StopRequestedBy})");
        }

        return current.State is PlanState.Proposed or PlanState.Approved
            ? Step(current, PlanState.Cancelled, by, now, reason)
            : Refuse(current, "cancel", "Proposed, Approved or Executing");
    }

    /// <summary>Starts executing an Approved plan.</summary>
    public static PlanTransition StartExecution(PlanRecord plan, string by, DateTimeOffset now) =>
        plan.State == PlanState.Approved
            ? Step(plan, PlanState.Executing, by, now, "execution started")
            : Refuse(plan, "execute", "Approved");

    /// <summary>
    /// Ends an Executing plan whose moves have all finished: Cancelled when a stop was requested, Completed when every
    /// move completed, otherwise PartiallyFailed. Refused while a move is still in flight or pending.
    /// </summary>
    public static PlanTransition Finish(PlanRecord plan, string by, DateTimeOffset now)
    {
        if (plan.State != PlanState.Executing)
        {
            return Refuse(plan, "finish", "Executing");
        }

        if (plan.Moves.FirstOrDefault(m => !m.State.IsFinished()) is { } open)
        {
            return new(null, $"plan '{plan.PlanId}' still has move {open.Index} {open.State}");
        }

        int completed = plan.Moves.Count(m => m.State == MoveState.Completed);
        int rolledBack = plan.Moves.Count(m => m.State == MoveState.RolledBack);
        int skipped = plan.Moves.Count(m => m.State == MoveState.Skipped);
        string tally = $"{completed} completed, {rolledBack} rolled back, {skipped} skipped";
        if (plan.StopRequestedBy is { } stopper)
        {
            return Step(plan, PlanState.Cancelled, stopper, now, $"stopped ({plan.StopReason}): {tally}");
        }

        return completed == plan.Moves.Length
            ? Step(plan, PlanState.Completed, by, now, $"every move completed ({completed})")
            : Step(plan, PlanState.PartiallyFailed, by, now, $"{plan.Moves.Length - completed} of {plan.Moves.Length} move(s) did not complete: {tally}");
    }

    /// <summary>The plan as of <paramref name="now"/>: a Proposed plan past its expiry becomes Expired; anything else is returned as is.</summary>
    public static PlanRecord Expire(PlanRecord plan, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.State != PlanState.Proposed || now < plan.ExpiresAt)
        {
            return plan;
        }

        return plan with
        {
            State = PlanState.Expired,
            History = plan.History.Add(new PlanDecision(PlanState.Proposed, PlanState.Expired, PlanActors.Clock, plan.ExpiresAt, "not decided before it expired")),
        };
    }

    private static PlanTransition Step(PlanRecord plan, PlanState to, string by, DateTimeOffset now, string reason) =>
        new(plan with { State = to, History = plan.History.Add(new PlanDecision(plan.State, to, by, now, reason)) }, null);

    private static PlanTransition Refuse(PlanRecord plan, string action, string expected) =>
        new(null, $"plan '{plan.PlanId}' is {plan.State}; it can only {action} when {expected}");
}
