namespace CloudGov.ControlPlane.Grains.Plans;

/// <summary>
/// One rebalance plan. Every transition is decided by <see cref="PlanLifecycle"/>, written to storage, and only then
/// made current: a failed write or a refused transition leaves the plan as it was. Expiry is evaluated against the
/// control plane's domain clock whenever the plan is read or commanded.
/// </summary>
internal sealed class RebalancePlanGrain(
    [PersistentState("plan", "store")] IPersistentState<RebalancePlanState> storage,
    ControlPlaneClock clock,
    ILogger<RebalancePlanGrain> logger) : Grain, IRebalancePlanGrain
{
    private PlanRecord? _plan;

    private string PlanId => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _plan = storage.State?.Plan;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<PlanCommandResult> CreateAsync(PlanRecord plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (_plan is not null)
        {
            return new PlanCommandResult(PlanCommandOutcome.WrongState, _plan, $"plan '{PlanId}' already exists and is {_plan.State}");
        }

        if (plan.PlanId != PlanId || plan.State is not (PlanState.Proposed or PlanState.Approved))
        {
            throw new ArgumentException($"a new plan must carry this grain's id '{PlanId}' and be Proposed or Approved", nameof(plan));
        }

        await CommitAsync(plan);
        foreach (var decision in plan.History)
        {
            PlanGrainLog.Transition(logger, PlanId, decision.From, decision.To, decision.By, decision.Reason);
        }

        return new PlanCommandResult(PlanCommandOutcome.Done, plan, $"plan '{PlanId}' is {plan.State}");
    }

    /// <inheritdoc />
    public async Task<PlanRecord?> GetAsync()
    {
        if (_plan is null)
        {
            return null;
        }

        var current = PlanLifecycle.Expire(_plan, clock.UtcNow);
        if (!ReferenceEquals(current, _plan))
        {
            try
            {
                await CommitAsync(current);
                PlanGrainLog.Transition(logger, PlanId, PlanState.Proposed, PlanState.Expired, PlanActors.Clock, "expired");
            }
            catch (Exception ex)
            {
                // Expiry follows from the clock alone: report it now and store it on a later read.
                PlanGrainLog.ExpiryWriteFailed(logger, PlanId, ex);
            }
        }

        return current;
    }

    /// <inheritdoc />
    public Task<PlanCommandResult> ApproveAsync(string approver, string reason) =>
        ApplyAsync(plan => PlanLifecycle.Approve(plan, approver, clock.UtcNow, reason));

    /// <inheritdoc />
    public Task<PlanCommandResult> CancelAsync(string by, string reason) =>
        ApplyAsync(plan => PlanLifecycle.Cancel(plan, by, clock.UtcNow, reason));

    private async Task<PlanCommandResult> ApplyAsync(Func<PlanRecord, PlanTransition> step)
    {
        if (_plan is null)
        {
            return new PlanCommandResult(PlanCommandOutcome.NotFound, null, $"plan '{PlanId}' does not exist");
        }

        var transition = step(_plan);
        if (!transition.Succeeded)
        {
            // Nothing changes, not even a due expiry: a refused command has no side effect. Reads store the expiry.
            return new PlanCommandResult(PlanCommandOutcome.WrongState, PlanLifecycle.Expire(_plan, clock.UtcNow), transition.Error!);
        }

        var next = transition.Next!;
        await CommitAsync(next);
        var decision = next.History[^1];
        PlanGrainLog.Transition(logger, PlanId, decision.From, decision.To, decision.By, decision.Reason);
        return new PlanCommandResult(PlanCommandOutcome.Done, next, $"plan '{PlanId}' is {next.State}");
    }

    /// <summary>Writes <paramref name="next"/> and only then makes it current; on failure nothing changes.</summary>
    private async Task CommitAsync(PlanRecord next)
    {
        await storage.WriteOrRestoreAsync(new RebalancePlanState { Plan = next });
        _plan = next;
    }
}
