using CloudGov.ControlPlane.Grains.Ledger;
using CloudGov.ControlPlane.Grains.Zones;
using CloudGov.Scheduling;
using CloudGov.Scheduling.Rebalancing;

namespace CloudGov.ControlPlane.Grains.Plans;

/// <summary>
/// One rebalance plan. Every transition is decided by <see cref="PlanLifecycle"/> or <see cref="PlanExecutor"/>,
/// written to storage, and only then made current: a failed write or a refused transition leaves the plan as it was.
/// Expiry is evaluated against the control plane's domain clock whenever the plan is read or commanded.
/// </summary>
/// <remarks>
/// An approved plan drives itself: a grain timer probes its zones, steps the executor, stores the result and then sends
/// the commands it implies. The timer fires at once whenever a zone has news for the plan (<see cref="ZoneChangedAsync"/>:
/// a command of the plan answered, a workload it placed changed state), and otherwise every
/// <see cref="PlanExecutionOptions.PollInterval"/>, the safety net for a lost notification. A durable reminder
/// (<see cref="PlanExecutionOptions.ResumeInterval"/>) re-activates the plan after a restart or on another host when
/// its host died; any activation of an approved or executing plan resumes it from its stored state.
/// </remarks>
internal sealed class RebalancePlanGrain(
    [PersistentState("plan", "store")] IPersistentState<RebalancePlanState> storage,
    ControlPlaneClock clock,
    IOptions<PlanPolicyOptions> options,
    IOptions<ZoneOptions> zoneOptions,
    Scheduler scheduler,
    IOptions<CloudGovRebalanceOptions> rebalanceOptions,
    IEnumerable<IPlanExecutionObserver> observers,
    ILogger<RebalancePlanGrain> logger) : Grain, IRebalancePlanGrain, IRemindable
{
    /// <summary>The name of the reminder that resumes execution.</summary>
    internal const string ResumeReminder = "resume-execution";

    private readonly PlanExecutionOptions _execution = options.Value.Execution;
    private readonly IPlanExecutionObserver[] _observers = [.. observers];
    private PlanRecord? _plan;
    private IGrainTimer? _timer;
    private bool _reminderSet;

    private string PlanId => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _plan = storage.State?.Plan;
        if (IsActive(_plan))
        {
            PlanGrainLog.Resuming(logger, PlanId, _plan!.State);
            Drive();
        }

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

        if (IsActive(plan))
        {
            Drive();
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
    public async Task<PlanCommandResult> ApproveAsync(string approver, string reason)
    {
        if (_plan is { State: PlanState.Proposed } proposed && PlanLifecycle.Expire(proposed, clock.UtcNow).State == PlanState.Proposed
            && await RevalidateAsync(proposed) is { Count: > 0 } violations)
        {
            PlanGrainLog.ApprovalRefused(logger, PlanId, violations.Count, violations[0]);
            return new PlanCommandResult(PlanCommandOutcome.Invalid, proposed,
                $"plan '{PlanId}' no longer holds against the one cloud as it is now, so it was not approved ({violations.Count} problem(s)): "
                + string.Join("; ", violations.Take(5)) + (violations.Count > 5 ? "; …" : string.Empty) + "; propose a new plan");
        }

        return await ApplyAsync(plan => PlanLifecycle.Approve(plan, approver, clock.UtcNow, reason));
    }

    /// <inheritdoc />
    public Task<PlanCommandResult> CancelAsync(string by, string reason) =>
        ApplyAsync(plan => PlanLifecycle.Cancel(plan, by, clock.UtcNow, reason));

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        _reminderSet = true;
        if (IsActive(_plan))
        {
            Drive();
        }
        else
        {
            // Finished (or never approved): the reminder has nothing left to resume.
            _ = ClearReminderAsync();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ZoneChangedAsync(string zoneId)
    {
        if (IsActive(_plan))
        {
            if (_timer is null)
            {
                Drive();
            }
            else
            {
                // The next tick now (several notices before it runs make one tick); then the poll period again.
                _timer.Change(TimeSpan.Zero, _execution.PollInterval);
            }
        }

        return Task.CompletedTask;
    }

    private static bool IsActive(PlanRecord? plan) => plan?.State is PlanState.Approved or PlanState.Executing;

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
        if (IsActive(next))
        {
            Drive();
        }

        string message = next.State == PlanState.Executing && next.StopRequestedBy is not null
            ? $"plan '{PlanId}' is stopping: moves in flight finish or roll back, the rest are skipped, then it is Cancelled"
            : $"plan '{PlanId}' is {next.State}";
        return new PlanCommandResult(PlanCommandOutcome.Done, next, message);
    }

    /// <summary>Starts the execution timer if it is not running (idempotent).</summary>
    private void Drive()
    {
        _timer ??= this.RegisterGrainTimer(
            TickAsync,
            new GrainTimerCreationOptions(TimeSpan.Zero, _execution.PollInterval) { Interleave = false, KeepAlive = true });
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        if (!_reminderSet && IsActive(_plan))
        {
            await SetReminderAsync();
        }

        try
        {
            if (_plan?.State == PlanState.Approved)
            {
                await CommitTransitionAsync(PlanLifecycle.StartExecution(_plan, PlanActors.Executor, clock.UtcNow).Next!);
            }

            // A step that finished moves frees slots for Pending ones, which the executor starts on the next step: take it
            // at once rather than at the next poll (bounded, so a plan can never spin).
            for (int steps = 0; steps < 3 && _plan?.State == PlanState.Executing && await StepAsync(); steps++)
            {
            }
        }
        catch (Exception ex)
        {
            // A failed write or grain call: nothing was made current; the next tick tries again from the stored state.
            PlanGrainLog.StepFailed(logger, PlanId, ex);
        }

        if (!IsActive(_plan))
        {
            _timer?.Dispose();
            _timer = null;
            await ClearReminderAsync();
        }
    }

    /// <summary>The plan's moves checked against a fresh snapshot of the one cloud (ledger and zones), independently of the strategy.</summary>
    private async Task<IReadOnlyList<string>> RevalidateAsync(PlanRecord plan)
    {
        var now = clock.UtcNow;
        var reading = await OneCloudSnapshotReader.ReadAsync(GrainFactory, now, zoneOptions.Value.StalenessWindow, options.Value.DefaultTargetUtilization);
        if (reading.Snapshot is not { } snapshot)
        {
            return [$"the one-cloud snapshot is inconsistent: {reading.Problem}"];
        }

        var moves = plan.Moves.Where(m => m.State == MoveState.Pending)
            .Select(m => new Move(m.WorkloadId, m.TenantId, m.FromZoneId, m.ToZoneId, m.Requests, m.MigrationCost, new Reason(m.Reason.Code, m.Reason.English, m.Reason.Chinese)))
            .ToList();
        return PlanValidator.Validate(snapshot, moves, scheduler.Filters, now, rebalanceOptions.Value.Cooldown);
    }

    /// <summary>The ledger's check of each move that may start now, by move index; a move whose shard did not answer has none.</summary>
    private async Task<IReadOnlyDictionary<int, MoveGate>> GatesAsync(PlanRecord plan)
    {
        var candidates = PlanExecutor.Candidates(plan, _execution).ToList();
        var gates = new Dictionary<int, MoveGate>();
        if (candidates.Count == 0)
        {
            return gates;
        }

        var zones = (await GrainFactory.GetGrain<IOneCloudIndexGrain>(0).ListAsync()).ToDictionary(z => z.ZoneId, StringComparer.Ordinal);
        foreach (var group in candidates.GroupBy(m => LedgerShards.Of(m.WorkloadId)))
        {
            try
            {
                var records = (await GrainFactory.GetGrain<ILedgerShardGrain>(group.Key).GetManyAsync([.. group.Select(m => m.WorkloadId)]))
                    .ToDictionary(r => r.WorkloadId, StringComparer.Ordinal);
                foreach (var move in group)
                {
                    gates[move.Index] = MoveGate.For(PlanId, move, records.GetValueOrDefault(move.WorkloadId), zones);
                }
            }
            catch (Exception ex)
            {
                // Those moves wait for the next step.
                PlanGrainLog.ProbeFailed(logger, PlanId, $"ledger shard {group.Key}", ex);
            }
        }

        return await Tenants.QuotaEnforcement.GateMovesAsync(GrainFactory, plan, gates, clock.UtcNow);
    }

    /// <summary>
    /// Tells the ledger what this step does to each move before the step is stored: a move started (so the target's copy
    /// is expected), completed (the workload should now run in the target) or ended without moving it. Idempotent; a
    /// failure throws, so the step is not stored and the next tick tries again.
    /// </summary>
    private async Task RecordInLedgerAsync(PlanRecord before, PlanRecord after)
    {
        var calls = new List<Task>();
        for (int i = 0; i < after.Moves.Length; i++)
        {
            var (was, now) = (before.Moves[i], after.Moves[i]);
            if (was.State == now.State)
            {
                continue;
            }

            var shard = LedgerShards.For(GrainFactory, now.WorkloadId);
            var move = new MoveInFlight(PlanId, now.Index, now.FromZoneId, now.ToZoneId);
            if (was.State == MoveState.Pending && now.State == MoveState.Placing)
            {
                calls.Add(shard.MoveStartedAsync(now.WorkloadId, move));
            }
            else if (now.State == MoveState.Completed)
            {
                calls.Add(shard.MoveCompletedAsync(now.WorkloadId, move));
            }
            else if (now.State is MoveState.RolledBack or MoveState.Skipped && was.State != MoveState.Pending)
            {
                calls.Add(shard.MoveEndedAsync(now.WorkloadId, move, $"move {now.Index} of plan {PlanId} ended {now.State}: {now.Message}"));
            }
        }

        await Task.WhenAll(calls);
    }

    /// <summary>
    /// A move that started rolling back because its target applied another access-control policy raises a finding against
    /// the target zone and workload (one-way; the move's own record and the ledger already say why).
    /// </summary>
    private void TellBaselineOfRollbacks(PlanRecord before, PlanRecord after, IReadOnlyDictionary<string, ZoneProbe> probes)
    {
        for (int i = 0; i < after.Moves.Length; i++)
        {
            var move = after.Moves[i];
            if (before.Moves[i].State != MoveState.RollingBack
                && AccessPolicyCheck.RollbackViolation(PlanId, move, probes.GetValueOrDefault(move.ToZoneId)) is { } violation)
            {
                GrainFactory.GetGrain<Abstractions.Baselines.IBaselineGrain>(0)
                    .MoveRolledBackAsync(move.ToZoneId, move.WorkloadId, move.Spec?.TenantId ?? move.TenantId, violation).Ignore();
            }
        }
    }

    /// <summary>One executor step; true when it finished moves and others may start now (worth stepping again at once).</summary>
    private async Task<bool> StepAsync()
    {
        var plan = _plan!;
        var probes = await ProbeAsync(PlanExecutor.ProbesFor(plan, _execution));
        var gates = await GatesAsync(plan);
        var step = PlanExecutor.Step(plan, probes, clock.UtcNow, _execution, gates);
        if (step.Plan.State != plan.State || !step.Plan.Moves.SequenceEqual(plan.Moves))
        {
            await RecordInLedgerAsync(plan, step.Plan);

            // Store first: every command sent below is implied by a stored move state, so a crash after this write
            // re-sends it from storage, and a crash before it leaves nothing sent that storage does not know of.
            await CommitAsync(step.Plan);
            TellBaselineOfRollbacks(plan, step.Plan, probes);
            foreach (var move in step.Finished)
            {
                PlanGrainLog.MoveFinished(logger, PlanId, move.Index, move.WorkloadId, move.FromZoneId, move.ToZoneId, move.State, move.Message);
                Observe(o => o.MoveFinished(step.Plan, move));
            }

            if (step.Plan.State != plan.State)
            {
                var decision = step.Plan.History[^1];
                PlanGrainLog.Transition(logger, PlanId, decision.From, decision.To, decision.By, decision.Reason);
                Observe(o => o.PlanFinished(step.Plan));
            }
        }

        foreach (var command in step.Commands)
        {
            try
            {
                await GrainFactory.GetGrain<IZoneGrain>(command.ZoneId).EnqueueCommandAsync(command.Command);
            }
            catch (Exception ex)
            {
                // The zone did not store it: its outcome stays unknown, so the next step sends it again.
                PlanGrainLog.CommandNotSent(logger, PlanId, command.Command.CommandId, command.ZoneId, ex);
            }
        }

        return !step.Finished.IsEmpty && PlanExecutor.Candidates(step.Plan, _execution).Any();
    }

    private async Task<IReadOnlyDictionary<string, ZoneProbe>> ProbeAsync(ImmutableArray<ProbeRequest> requests)
    {
        var probes = new Dictionary<string, ZoneProbe>(StringComparer.Ordinal);
        var calls = requests.Select(async r =>
        {
            try
            {
                return await GrainFactory.GetGrain<IZoneGrain>(r.ZoneId).ProbeAsync(r.WorkloadIds, r.CommandIds);
            }
            catch (Exception ex)
            {
                // Left out: the executor holds back the moves that need this zone until it answers.
                PlanGrainLog.ProbeFailed(logger, PlanId, r.ZoneId, ex);
                return null;
            }
        });
        foreach (var probe in await Task.WhenAll(calls))
        {
            if (probe is not null)
            {
                probes[probe.ZoneId] = probe;
            }
        }

        return probes;
    }

    private async Task CommitTransitionAsync(PlanRecord next)
    {
        await CommitAsync(next);
        var decision = next.History[^1];
        PlanGrainLog.Transition(logger, PlanId, decision.From, decision.To, decision.By, decision.Reason);
    }

    private async Task SetReminderAsync()
    {
        try
        {
            await this.RegisterOrUpdateReminder(ResumeReminder, _execution.ResumeInterval, _execution.ResumeInterval);
            _reminderSet = true;
        }
        catch (Exception ex)
        {
            // The timer drives the plan meanwhile; only resumption after a host failure waits for the reminder.
            PlanGrainLog.ReminderFailed(logger, PlanId, ex);
        }
    }

    private async Task ClearReminderAsync()
    {
        try
        {
            if (await this.GetReminder(ResumeReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            _reminderSet = false;
        }
        catch (Exception ex)
        {
            // A stale reminder only wakes a finished plan, which then tries again to clear it.
            PlanGrainLog.ReminderFailed(logger, PlanId, ex);
        }
    }

    private void Observe(Action<IPlanExecutionObserver> action)
    {
        foreach (var observer in _observers)
        {
            action(observer);
        }
    }

    /// <summary>Writes <paramref name="next"/> and only then makes it current; on failure nothing changes.</summary>
    private async Task CommitAsync(PlanRecord next)
    {
        await storage.WriteOrRestoreAsync(new RebalancePlanState { Plan = next });
        _plan = next;

        // Dashboards show plans live: a one-way signal, after the write (never a change that was not stored).
        GrainFactory.GetGrain<Abstractions.Live.ILiveFeedGrain>(0).PublishAsync(Abstractions.Live.LiveTopic.Plans, PlanId).Ignore();
    }
}
