namespace CloudGov.ControlPlane.Grains.Plans;

/// <summary>
/// Make-before-break execution of a plan's moves, as a pure step function: given the plan and what its zones say
/// now (<see cref="ZoneProbe"/>), it returns the next plan and the commands to send. The plan grain stores the next
/// plan before sending anything, so every command it sends is implied by a stored move state and can be sent again
/// after a restart; the zones store commands by id and the agents de-duplicate them, so sending twice is harmless.
/// </summary>
/// <remarks>
/// <para>A move goes Pending → Placing → Removing → Completed, or from Placing/Removing to RollingBack →
/// RolledBack. Its invariant: the workload is removed from the source only after the target reported it Running,
/// and the target's copy is removed only while the source still has it. So it is never running nowhere, and it runs
/// twice only while a move is in flight.</para>
/// <para>Ordering: a rollback's remove is queued on the target after the place, and a zone's agent carries out its
/// commands in queue order (guaranteed by <c>ZoneCommandQueue</c>, the gateway's <c>CommandDelivery</c> and the agent's
/// <c>AgentSession</c>, where it is stated and tested), so a late place can never land after its rollback.</para>
/// </remarks>
public static class PlanExecutor
{
    /// <summary>The zones, workloads and commands <see cref="Step"/> needs probed for <paramref name="plan"/>.</summary>
    public static ImmutableArray<ProbeRequest> ProbesFor(PlanRecord plan, PlanExecutionOptions options)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var wanted = new SortedDictionary<string, (HashSet<string> Workloads, HashSet<string> Commands)>(StringComparer.Ordinal);
        (HashSet<string> Workloads, HashSet<string> Commands) Zone(string id)
        {
            if (!wanted.TryGetValue(id, out var entry))
            {
                entry = (new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
                wanted[id] = entry;
            }

            return entry;
        }

        foreach (var move in plan.Moves)
        {
            switch (move.State)
            {
                case MoveState.Placing:
                    Zone(move.ToZoneId).Workloads.Add(move.WorkloadId);
                    Zone(move.ToZoneId).Commands.Add(move.PlaceCommandId(plan.PlanId));
                    break;
                case MoveState.Removing:
                    Zone(move.FromZoneId).Commands.Add(move.RemoveCommandId(plan.PlanId));
                    break;
                case MoveState.RollingBack:
                    Zone(move.ToZoneId).Commands.Add(move.RollbackCommandId(plan.PlanId));
                    break;
            }
        }

        foreach (var move in Candidates(plan, options))
        {
            Zone(move.FromZoneId).Workloads.Add(move.WorkloadId);
            Zone(move.ToZoneId).Workloads.Add(move.WorkloadId);
        }

        return [.. wanted.Select(z => new ProbeRequest(z.Key, [.. z.Value.Workloads.Order(StringComparer.Ordinal)], [.. z.Value.Commands.Order(StringComparer.Ordinal)]))];
    }

    /// <summary>
    /// Advances an Executing plan one step at <paramref name="now"/>. A zone missing from <paramref name="probes"/>
    /// (its grain did not answer) holds back the moves that need it, except that deadlines still apply.
    /// </summary>
    /// <remarks>
    /// <paramref name="gates"/> holds, by move index, the ledger's check of each move that may start (see
    /// <see cref="MoveGate"/>): a refused move is skipped with the reason, and a move without a gate waits. Null means
    /// no gate applies (tests of the executor alone).
    /// </remarks>
    public static ExecutionStep Step(PlanRecord plan, IReadOnlyDictionary<string, ZoneProbe> probes, DateTimeOffset now, PlanExecutionOptions options, IReadOnlyDictionary<int, MoveGate>? gates = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(probes);
        ArgumentNullException.ThrowIfNull(options);
        if (plan.State != PlanState.Executing)
        {
            return new ExecutionStep(plan, [], []);
        }

        var context = new StepContext(plan.PlanId, probes, now, options, gates);
        var candidates = Candidates(plan, options).Select(m => m.Index).ToHashSet();
        var moves = plan.Moves.ToBuilder();
        for (int i = 0; i < moves.Count; i++)
        {
            var move = moves[i];
            var next = move.State switch
            {
                MoveState.Placing => context.AdvancePlacing(move),
                MoveState.Removing => context.AdvanceRemoving(move),
                MoveState.RollingBack => context.AdvanceRollingBack(move),
                MoveState.Pending when plan.StopRequestedBy is not null => context.Finish(move, MoveState.Skipped, $"not started: the plan was stopped by {plan.StopRequestedBy}"),
                MoveState.Pending when candidates.Contains(move.Index) => context.Start(move),
                _ => move,
            };
            moves[i] = next;
        }

        var stepped = plan with { Moves = moves.ToImmutable() };
        if (stepped.Moves.All(m => m.State.IsFinished()))
        {
            stepped = PlanLifecycle.Finish(stepped, PlanActors.Executor, now).Next!;
        }

        return new ExecutionStep(stepped, [.. context.Commands], [.. context.Finished]);
    }

    /// <summary>
    /// The Pending moves that may start now, in plan order: each within <see cref="PlanExecutionOptions.MaxConcurrentMoves"/>
    /// and, for both its zones, <see cref="PlanExecutionOptions.MaxConcurrentMovesPerZone"/>, counting moves in flight.
    /// Nothing starts once a stop was requested.
    /// </summary>
    public static IEnumerable<PlanMove> Candidates(PlanRecord plan, PlanExecutionOptions options)
    {
        if (plan.State != PlanState.Executing || plan.StopRequestedBy is not null)
        {
            yield break;
        }

        var perZone = new Dictionary<string, int>(StringComparer.Ordinal);
        int inFlight = 0;
        foreach (var move in plan.Moves.Where(m => m.State.IsInFlight()))
        {
            inFlight++;
            perZone[move.FromZoneId] = perZone.GetValueOrDefault(move.FromZoneId) + 1;
            perZone[move.ToZoneId] = perZone.GetValueOrDefault(move.ToZoneId) + 1;
        }

        foreach (var move in plan.Moves)
        {
            if (inFlight >= options.MaxConcurrentMoves)
            {
                yield break;
            }

            if (move.State != MoveState.Pending
                || perZone.GetValueOrDefault(move.FromZoneId) >= options.MaxConcurrentMovesPerZone
                || perZone.GetValueOrDefault(move.ToZoneId) >= options.MaxConcurrentMovesPerZone)
            {
                continue;
            }

            inFlight++;
            perZone[move.FromZoneId] = perZone.GetValueOrDefault(move.FromZoneId) + 1;
            perZone[move.ToZoneId] = perZone.GetValueOrDefault(move.ToZoneId) + 1;
            yield return move;
        }
    }

    private sealed class StepContext(string planId, IReadOnlyDictionary<string, ZoneProbe> probes, DateTimeOffset now, PlanExecutionOptions options, IReadOnlyDictionary<int, MoveGate>? gates)
    {
        public List<ExecutionCommand> Commands { get; } = [];

        public List<PlanMove> Finished { get; } = [];

        public PlanMove Start(PlanMove move)
        {
            if (!probes.TryGetValue(move.FromZoneId, out var source) || !probes.TryGetValue(move.ToZoneId, out var target))
            {
                return move;
            }

            string? refusal =
                !source.Workloads.TryGetValue(move.WorkloadId, out var state) || state != WorkloadState.Running
                    ? $"not started: {move.WorkloadId} is no longer running in {move.FromZoneId}"
                : target.Workloads.ContainsKey(move.WorkloadId)
                    ? $"not started: {move.WorkloadId} is already present in target zone {move.ToZoneId}"
                : source.Status is ZoneStatus.Unreachable or ZoneStatus.Unknown
                    ? $"not started: source zone {move.FromZoneId} is {source.Status}"
                : target.Status != ZoneStatus.Ready
                    ? $"not started: target zone {move.ToZoneId} is {target.Status}, not Ready"
                : null;
            if (refusal is not null)
            {
                return Finish(move, MoveState.Skipped, refusal);
            }

            WorkloadSpec? spec = null;
            if (gates is not null)
            {
                if (!gates.TryGetValue(move.Index, out var gate))
                {
                    // The ledger did not answer for this move: wait for the next step.
                    return move;
                }

                if (gate.Refusal is not null)
                {
                    return Finish(move, MoveState.Skipped, $"not started: {gate.Refusal}");
                }

                spec = gate.Spec;
            }

            if (!source.AgentConnected || !target.AgentConnected)
            {
                // A reconnecting agent: wait. Should it stay away past the staleness window, its zone turns
                // Unreachable and the move is skipped above.
                return move;
            }

            var placing = move with
            {
                State = MoveState.Placing,
                Spec = spec ?? move.Spec,
                StartedAt = now,
                Deadline = now + options.MoveTimeout,
                Message = $"placing in {move.ToZoneId}; waiting until it runs there",
            };
            SendPlace(placing);
            return placing;
        }

        public PlanMove AdvancePlacing(PlanMove move)
        {
            probes.TryGetValue(move.ToZoneId, out var target);
            var outcome = Outcome(target, move.PlaceCommandId(planId));
            if (target is not null && outcome is null)
            {
                SendPlace(move);
            }

            if (outcome is { Finished: true, Succeeded: false })
            {
                return RollBack(move, $"the agent of {move.ToZoneId} could not place it: {outcome.Message}");
            }

            var observed = target is not null && target.Workloads.TryGetValue(move.WorkloadId, out var s) ? s : (WorkloadState?)null;
            if (observed == WorkloadState.Failed)
            {
                return RollBack(move, $"it failed in {move.ToZoneId}");
            }

            if (outcome is { Finished: true, Succeeded: true } && observed == WorkloadState.Running
                && AccessPolicyCheck.Mismatch(move, target!) is { } mismatch)
            {
                // The security baseline: the access-control policy moves with the workload, or the move is undone.
                return RollBack(move, mismatch);
            }

            if (outcome is { Finished: true, Succeeded: true } && observed == WorkloadState.Running)
            {
                var removing = move with { State = MoveState.Removing, Message = $"running in {move.ToZoneId}; removing from {move.FromZoneId}" };
                SendRemove(removing);
                return removing;
            }

            if (move.Deadline is { } deadline && now >= deadline)
            {
                return RollBack(move, $"not running in {move.ToZoneId} within {options.MoveTimeout}");
            }

            return move;
        }

        public PlanMove AdvanceRemoving(PlanMove move)
        {
            if (!probes.TryGetValue(move.FromZoneId, out var source))
            {
                return move;
            }

            var outcome = Outcome(source, move.RemoveCommandId(planId));
            switch (outcome)
            {
                case null:
                    SendRemove(move);
                    return move;
                case { Finished: false }:
                    return move.Message.StartsWith("waiting", StringComparison.Ordinal)
                        ? move
                        : move with { Message = $"waiting for the agent of {move.FromZoneId} to remove it (it runs in both zones until then)" };
                case { Succeeded: true }:
                    return Finish(move, MoveState.Completed, $"moved to {move.ToZoneId}");
                default:
                    return RollBack(move, $"the agent of {move.FromZoneId} could not remove it: {outcome.Message}");
            }
        }

        public PlanMove AdvanceRollingBack(PlanMove move)
        {
            if (!probes.TryGetValue(move.ToZoneId, out var target))
            {
                return move;
            }

            var outcome = Outcome(target, move.RollbackCommandId(planId));
            switch (outcome)
            {
                case null:
                    SendRollback(move);
                    return move;
                case { Finished: false }:
                    return move;
                case { Succeeded: true }:
                    return Finish(move, MoveState.RolledBack, move.Message);
                default:
                    var retry = move with { RollbackAttempts = move.RollbackAttempts + 1 };
                    SendRollback(retry);
                    return retry;
            }
        }

        public PlanMove Finish(PlanMove move, MoveState state, string message)
        {
            var done = move with { State = state, FinishedAt = now, Message = message };
            Finished.Add(done);
            return done;
        }

        private PlanMove RollBack(PlanMove move, string why)
        {
            var rolling = move with { State = MoveState.RollingBack, RollbackAttempts = 1, Message = $"rolled back: {why}" };
            SendRollback(rolling);
            return rolling;
        }

        private static ZoneCommandOutcome? Outcome(ZoneProbe? zone, string commandId) =>
            zone is not null && zone.Commands.TryGetValue(commandId, out var outcome) ? outcome : null;

        private void SendPlace(PlanMove move) =>
            Commands.Add(new ExecutionCommand(move.ToZoneId, Command(move, move.PlaceCommandId(planId), ZoneCommandKind.Place, move.Deadline ?? now + options.MoveTimeout)));

        private void SendRemove(PlanMove move) =>
            Commands.Add(new ExecutionCommand(move.FromZoneId, Command(move, move.RemoveCommandId(planId), ZoneCommandKind.Remove, now + options.RemoveTimeout)));

        private void SendRollback(PlanMove move) =>
            Commands.Add(new ExecutionCommand(move.ToZoneId, Command(move, move.RollbackCommandId(planId), ZoneCommandKind.Remove, now + options.RemoveTimeout)));

        // Each command names the plan, so the zone tells the plan at once when it is answered (or its workload changes state).
        private ZoneCommand Command(PlanMove move, string id, ZoneCommandKind kind, DateTimeOffset deadline) =>
            new(id, kind, move.Spec ?? new WorkloadSpec(move.WorkloadId, move.TenantId, move.System, Requests: move.Requests, MlpsLevel: move.MlpsLevel), deadline) { PlanId = planId };
    }
}

/// <summary>What to probe in one zone: these workloads' states and these commands' outcomes.</summary>
public sealed record ProbeRequest(string ZoneId, ImmutableArray<string> WorkloadIds, ImmutableArray<string> CommandIds);

/// <summary>A command the executor sends to a zone's agent (through the zone grain).</summary>
public sealed record ExecutionCommand(string ZoneId, ZoneCommand Command);

/// <summary>One executor step: the next plan, the commands to send once it is stored, and the moves that finished in it.</summary>
public sealed record ExecutionStep(PlanRecord Plan, ImmutableArray<ExecutionCommand> Commands, ImmutableArray<PlanMove> Finished);
