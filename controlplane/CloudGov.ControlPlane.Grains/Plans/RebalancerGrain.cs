using System.Diagnostics;
using CloudGov.ControlPlane.Abstractions.Audit;
using CloudGov.ControlPlane.Grains.Zones;
using CloudGov.Scheduling;
using CloudGov.Scheduling.Rebalancing;

namespace CloudGov.ControlPlane.Grains.Plans;

/// <summary>
/// The cluster's rebalancer (key 0). A round reads the one-cloud index and each zone's workloads, maps them to a
/// snapshot (<see cref="SnapshotMapper"/>), runs the scheduler, applies the auto-approval policy
/// (<see cref="AutoApprovalPolicy"/>) and stores the plan in its own grain. Rounds never interleave. A new plan
/// supersedes (cancels) older Proposed ones; no round runs while a plan is Approved or Executing.
/// </summary>
internal sealed class RebalancerGrain(
    [PersistentState("rebalancer", "store")] IPersistentState<RebalancerState> storage,
    IOptions<PlanPolicyOptions> planOptions,
    IOptions<ZoneOptions> zoneOptions,
    Scheduler scheduler,
    IOptions<CloudGovRebalanceOptions> rebalanceOptions,
    ControlPlaneClock clock,
    IAuditTrail audit,
    IEnumerable<IPlanExecutionObserver> observers,
    ILogger<RebalancerGrain> logger) : Grain, IRebalancerGrain
{
    private readonly PlanPolicyOptions _options = planOptions.Value;
    private readonly IPlanExecutionObserver[] _observers = [.. observers];
    private DateTimeOffset? _lastScheduledRound;

    /// <inheritdoc />
    public Task<RebalanceRoundResult> ProposeAsync(PlanTrigger trigger, bool dryRun) => ObservedRoundAsync(trigger, dryRun, $"{trigger} rebalance round", evacuating: null);

    /// <inheritdoc />
    public Task<RebalanceRoundResult> ProposeEvacuationAsync(string zoneId, string ruleId) =>
        ObservedRoundAsync(PlanTrigger.Baseline, dryRun: false, $"evacuation of zone {zoneId}: it violates security baseline rule {ruleId}, whose action is to evacuate it", evacuating: zoneId);

    /// <summary>Runs a round and tells the observers (metrics) how it ended, so every trigger is counted in one place.</summary>
    private async Task<RebalanceRoundResult> ObservedRoundAsync(PlanTrigger trigger, bool dryRun, string reason, string? evacuating)
    {
        var round = await RoundAsync(trigger, dryRun, reason, evacuating);
        foreach (var observer in _observers)
        {
            observer.RoundFinished(trigger, round, dryRun);
        }

        return round;
    }

    private async Task<RebalanceRoundResult> RoundAsync(PlanTrigger trigger, bool dryRun, string reason, string? evacuating)
    {
        var now = clock.UtcNow;
        if (trigger == PlanTrigger.Scheduled)
        {
            if (_lastScheduledRound is { } last && now - last < _options.MinScheduledRoundGap)
            {
                return Skip(trigger, $"a scheduled round ran at {last:O}, less than Plans:MinScheduledRoundGap ago");
            }

            _lastScheduledRound = now;
        }

        var retained = await ListAsync();
        if (!dryRun && retained.FirstOrDefault(p => p.State is PlanState.Approved or PlanState.Executing) is { } inFlight)
        {
            return Skip(trigger, $"plan '{inFlight.PlanId}' is {inFlight.State}; a new plan waits until it ends");
        }

        var stopwatch = Stopwatch.StartNew();
        var reading = await OneCloudSnapshotReader.ReadAsync(GrainFactory, now, zoneOptions.Value.StalenessWindow, _options.DefaultTargetUtilization);
        if (reading.Snapshot is not { } snapshot)
        {
            return Skip(trigger, $"the one-cloud snapshot is inconsistent: {reading.Problem}");
        }

        if (!reading.Skipped.IsEmpty)
        {
            PlanGrainLog.SnapshotSkipped(logger, reading.Skipped.Length, reading.Skipped[0]);
        }

        if (evacuating is not null && (snapshot.IndexOfZone(evacuating) is not (var z and >= 0) || snapshot.Zones[z].EvacuationRule is null))
        {
            return Skip(trigger, $"zone {evacuating} is not to be evacuated now (resolved, waived, unreachable, or degraded without the deciding facts)");
        }

        var zones = reading.Zones;
        if (Unsettled(retained, zones) is { } unsettled)
        {
            return Skip(trigger, unsettled);
        }

        var computed = scheduler.WithQuota(await Tenants.QuotaEnforcement.ViewAsync(GrainFactory, reading.Records, now)).Rebalance(snapshot, now);

        // Every plan is checked independently of the strategy before anyone sees it.
        var violations = PlanValidator.Validate(snapshot, computed.Moves, scheduler.Filters, now, rebalanceOptions.Value.Cooldown);
        if (violations.Count > 0)
        {
            PlanGrainLog.PlanInvalid(logger, violations.Count, violations[0]);
            return Skip(trigger, $"the strategy's plan failed validation and was not stored: {string.Join("; ", violations.Take(3))}");
        }

        double seconds = stopwatch.Elapsed.TotalSeconds;

        string planId = dryRun || computed.Moves.Count == 0 ? string.Empty : PlanIds.New();
        var record = PlanRecordMapper.ToRecord(computed, planId, trigger, now, _options.ExpireAfter, reason, snapshot);
        var descriptors = zones.ToDictionary(z => z.ZoneId, z => z.Descriptor, StringComparer.Ordinal);
        var verdict = AutoApprovalPolicy.Evaluate(record, descriptors, _options.AutoApproval);
        record = record with { PolicyVerdict = verdict.Reasons };
        PlanGrainLog.Round(logger, trigger, dryRun, record.Moves.Length, seconds);
        if (planId.Length == 0)
        {
            return new RebalanceRoundResult(record, Stored: false, string.Empty, seconds);
        }

        if (verdict.Approved)
        {
            record = PlanLifecycle.Approve(record, PlanActors.AutoApproval, now, verdict.Reasons[0].English).Next!;
        }

        // Recorded in the audit trail first (PlanAudit): a proposal whose entry cannot be stored is not made.
        var created = await PlanAudit.ProposeAsync(audit, record, async () =>
        {
            await CommitAsync(new RebalancerState { PlanIds = [planId, .. storage.State.PlanIds.Take(_options.Retain - 1)] });
            return await GrainFactory.GetGrain<IRebalancePlanGrain>(planId).CreateAsync(record);
        });
        await SupersedeAsync(retained, planId);
        return new RebalanceRoundResult(created.Plan, Stored: true, string.Empty, seconds);
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<PlanRecord>> ListAsync()
    {
        var plans = await Task.WhenAll(storage.State.PlanIds.Select(id => GrainFactory.GetGrain<IRebalancePlanGrain>(id).GetAsync()));
        return [.. plans.Where(p => p is not null).Select(p => p!)];
    }

    private async Task SupersedeAsync(ImmutableArray<PlanRecord> older, string newPlanId)
    {
        foreach (var plan in older.Where(p => p.State == PlanState.Proposed))
        {
            try
            {
                string reason = $"superseded by plan '{newPlanId}'";
                await PlanAudit.SupersedeAsync(audit, plan.PlanId, newPlanId, reason, () => GrainFactory.GetGrain<IRebalancePlanGrain>(plan.PlanId).CancelAsync(PlanActors.Scheduler, reason));
            }
            catch (Exception ex)
            {
                // It stays Proposed and expires on its own; the operator sees both.
                PlanGrainLog.SupersedeFailed(logger, plan.PlanId, ex);
            }
        }
    }

    /// <summary>
    /// Why the picture is not settled after the last executed plan: a zone it touched has not reported since it ended,
    /// so its workloads may still show where they were (planning on that would move them again). A zone whose agent is
    /// away does not hold rounds back. Null when settled.
    /// </summary>
    private static string? Unsettled(ImmutableArray<PlanRecord> plans, ImmutableArray<ZoneSummary> zones)
    {
        var last = plans.FirstOrDefault(p => p.IsTerminal && p.History.Any(d => d.From == PlanState.Executing && d.To != PlanState.Executing));
        if (last is null)
        {
            return null;
        }

        var endedAt = last.History[^1].At;
        var touched = last.Moves.Where(m => m.State != MoveState.Skipped).SelectMany(m => new[] { m.FromZoneId, m.ToZoneId }).ToHashSet(StringComparer.Ordinal);
        var behind = zones.Where(z => touched.Contains(z.ZoneId) && z.AgentConnected && (z.LastReceivedAt is not { } at || at <= endedAt)).Select(z => z.ZoneId).Order(StringComparer.Ordinal).ToList();
        return behind.Count == 0
            ? null
            : $"plan '{last.PlanId}' ended at {endedAt:O}; waiting for zone(s) {string.Join(", ", behind)} to report after it";
    }

    private RebalanceRoundResult Skip(PlanTrigger trigger, string reason)
    {
        PlanGrainLog.Skipped(logger, trigger, reason);
        return new RebalanceRoundResult(null, Stored: false, reason, 0);
    }

    private Task CommitAsync(RebalancerState next) => storage.WriteOrRestoreAsync(next);
}
