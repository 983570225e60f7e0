using Microsoft.Extensions.DependencyInjection;
using CloudGov.ControlPlane.Abstractions.Ledger;
using CloudGov.ControlPlane.Grains.Ledger;

namespace CloudGov.ControlPlane.Grains.Zones;

/// <summary>
/// One zone. Reports are applied in memory at once; what the one-cloud inventory depends on (registration,
/// the set of workloads, status) is written to storage before the call returns, while utilization-only changes
/// are written behind on <see cref="ZoneOptions.StateFlushInterval"/>. The agent learns which reports are durable
/// from <see cref="ReportOutcome.DurableSequence"/> and keeps the rest.
/// </summary>
/// <remarks>
/// The grain keeps storage, timers and publishing; what a report does to the state is <see cref="ZoneReportEffect"/>, what
/// the command queue does is <see cref="ZoneCommandQueue"/> (both pure). Pushes, each a hint made good by a poll when lost:
/// a stored command to the host serving the agent's stream (<see cref="ZoneSessionPush"/>), and a command's answer or a
/// placed workload's new state to the plan that waits on it (<see cref="PlanWatch"/>, <see cref="IRebalancePlanGrain.ZoneChangedAsync"/>);
/// <see cref="ZoneOptions.CommandPush"/> turns both off.
/// </remarks>
internal sealed partial class ZoneGrain(
    [PersistentState("zone", "store")] IPersistentState<ZoneState> storage,
    IOptions<ZoneOptions> options,
    IOptions<LedgerOptions> ledgerOptions,
    LedgerSyncBatcher ledgerSyncs,
    CloudGov.Baselines.Evaluation.BaselineEvaluator baseline,
    ControlPlaneClock clock,
    ILogger<ZoneGrain> logger) : Grain, IZoneGrain
{
    /// <summary>How many finished command outcomes a zone keeps for look-ups and de-duplication.</summary>
    internal const int FinishedCommandsKept = ZoneCommandQueue.FinishedKept;

    /// <summary>How many placement times a zone keeps for the rebalancer's cooldown.</summary>
    internal const int PlacementsKept = ZoneCommandQueue.PlacementsKept;

    private readonly ZoneOptions _options = options.Value;
    private readonly LedgerOptions _ledgerOptions = ledgerOptions.Value;
    private ZoneLedgerSync _ledger = null!;
    private bool _syncing;
    private bool _syncAgain;
    private bool _deactivating;
    private TimeSpan _resyncAfter;
    private ZoneState _current = new();
    private bool _dirtyForIndex;
    private DateTimeOffset _lastFlush;
    private DateTimeOffset _lastPublish;
    private DateTimeOffset _lastHistoryMinute;
    private ZoneSessionPush _push = null!;
    private readonly PlanWatch _plans = new();
    private bool _baselineEvaluated;

    /// <summary>How long an ending session waits for a push already sent to it.</summary>
    private static readonly TimeSpan SessionPushGrace = TimeSpan.FromSeconds(2);

    private string ZoneId => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Registered before the session check below, so a silo declared dead meanwhile is either seen by that check or
        // handled by this silo's SessionHostWatcher.
        var local = ServiceProvider.GetRequiredService<LocalZoneActivations>();
        local.Activated(ZoneId);
        try
        {
            await ActivateAsync();
        }
        catch
        {
            local.Deactivated(ZoneId);
            throw;
        }
    }

    private async Task ActivateAsync()
    {
        _current = storage.State;
        _push = new ZoneSessionPush(ZoneId, logger);
        if (_current.LastReport is { } stored && stored.Sequence > WireLimits.MaxSequence)
        {
            // The way back for a zone an earlier release let an agent freeze (sequence 2^64-1 makes every later report a
            // duplicate): the report's facts stay, its sequence starts again at 0, and the next report from the agent is new.
            ZoneGrainLog.SequenceReset(logger, ZoneId, stored.Sequence, WireLimits.MaxSequence);
            await CommitAsync(_current with
            {
                LastReport = stored with { Sequence = 0 },
                SequenceResetFrom = stored.Sequence,
                SequenceResetAt = clock.UtcNow,
            });
        }

        if (_current.PendingCommands.Any(c => c.Workload is null))
        {
            // Stored before commands carried the whole WorkloadSpec: carried over from their fields (ids 2-6).
            _current = _current with { PendingCommands = [.. _current.PendingCommands.Select(c => c.Upgraded())] };
        }

        await EndSessionOfGoneHostAsync();
        _lastFlush = _lastPublish = clock.UtcNow;
        _ledger = new ZoneLedgerSync(ZoneId, _ledgerOptions.MissingAfterReports);
        _resyncAfter = JitteredResyncInterval();
        foreach (var command in _current.PendingCommands.Where(c => c.Kind == ZoneCommandKind.Place))
        {
            _ledger.Await(command.WorkloadId);
            _plans.Placing(command, _current.LastReport);
        }

        if (_current.LastReport is not null && _current.Descriptor is not null)
        {
            // After a restart or a move to another host, tell the ledger everything once: a sync may have been lost.
            RequestLedgerSync();
        }

        if (_current.Descriptor is not null)
        {
            // The zone grains are the index's source: an index that lost its last writes (a crash) learns the zone again.
            Publish();
        }

        var tick = _options.IndexPublishInterval < _options.StateFlushInterval ? _options.IndexPublishInterval : _options.StateFlushInterval;
        this.RegisterGrainTimer(OnTickAsync, new GrainTimerCreationOptions(tick, tick) { Interleave = false, KeepAlive = false });
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A ledger sync in flight finishes in the batcher; its answer changes nothing here and starts no further sync.
        _deactivating = true;
        if (DirtyForStorage)
        {
            try
            {
                await WriteAsync(_current);
            }
            catch (Exception ex)
            {
                ZoneGrainLog.FlushFailed(logger, ZoneId, ex);
            }
        }

        ServiceProvider.GetRequiredService<LocalZoneActivations>().Deactivated(ZoneId);
    }

    /// <inheritdoc />
    public async Task<ulong> RegisterAsync(ZoneDescriptor descriptor, Guid sessionId)
    {
        bool changed = _current.Descriptor != descriptor;
        var next = _current with
        {
            Descriptor = descriptor,
            Session = sessionId,
        };
        await CommitAsync(next);
        _push.SessionStarted(sessionId);
        if (changed && _current.LastReport is not null)
        {
            _ledger.RequireFull();
            RequestLedgerSync();
        }

        ZoneGrainLog.Registered(logger, ZoneId, descriptor.Provider, DurableSequence());
        Publish();
        return DurableSequence();
    }

    /// <inheritdoc />
    public async Task<ReportOutcome> ReportAsync(ZoneReportData report)
    {
        var step = ZoneReportEffect.Apply(_current, report, clock.UtcNow, _options.StalenessWindow);
        if (step.Result != ReportResult.Accepted)
        {
            return new ReportOutcome(step.Result, _current.LastSequence, DurableSequence());
        }

        report = step.Next.LastReport!;
        var next = step.Next;
        bool baselineChanged = false;
        bool evaluate = !_baselineEvaluated || next.Baseline is null || _current.LastReport is null || !ZoneBaselineEffect.SamePosture(_current.LastReport.Posture, report.Posture);
        if (evaluate || next.QuarantineRuleId is not null || next.Baseline!.Violations.Any(v => v.Action == Abstractions.Baselines.BaselineViolation.QuarantineAction))
        {
            // The zone rules run when the posture changed (and once per activation: the pack may have changed); the
            // quarantine is judged again on every report while a quarantine rule is violated (a waiver may have expired).
            var verdict = evaluate ? ZoneBaselineEffect.Evaluate(baseline, ZoneId, next.Descriptor!, report.Posture, connected: true, clock.UtcNow) : next.Baseline!;
            _baselineEvaluated = true;
            var judged = ZoneBaselineEffect.Apply(next, verdict, clock.UtcNow);
            baselineChanged = !verdict.SameVerdict(_current.Baseline) || judged.QuarantineRuleId != _current.QuarantineRuleId || judged.Status != next.Status;
            if (judged.QuarantineRuleId != _current.QuarantineRuleId)
            {
                ZoneGrainLog.QuarantineChanged(logger, ZoneId, judged.QuarantineRuleId ?? "none", judged.Status);
            }

            next = judged;
        }

        if (step.InventoryChanged || baselineChanged)
        {
            await CommitAsync(next);
            Publish();
            foreach (var plan in _plans.Reported(report))
            {
                TellPlan(plan);
            }
        }
        else
        {
            _current = next;
            _dirtyForIndex = true;
        }

        if (baselineChanged)
        {
            TellBaseline();
        }

        if (_ledger.Observe(report))
        {
            RequestLedgerSync();
        }

        return new ReportOutcome(ReportResult.Accepted, _current.LastSequence, DurableSequence());
    }

    /// <inheritdoc />
    public async Task SetBaselineWaiversAsync(ImmutableArray<Abstractions.Baselines.ZoneWaiver> waivers)
    {
        var next = ZoneBaselineEffect.Apply(_current with { BaselineWaivers = waivers.IsDefault ? [] : waivers }, _current.Baseline, clock.UtcNow);
        await CommitAsync(next);
        Publish();
    }

    /// <inheritdoc />
    public Task<ulong> SubscribeAsync(Guid sessionId, IZoneSessionObserver observer)
    {
        if (_current.Session == sessionId)
        {
            _push.Subscribe(sessionId, observer, DurableSequence());
        }

        return Task.FromResult(DurableSequence());
    }

    /// <inheritdoc />
    public async Task AgentDisconnectedAsync(Guid sessionId)
    {
        try
        {
            // Let a push already on its way land: the stream's host deletes its observer once this call returns.
            await _push.SessionEndedAsync(sessionId).WaitAsync(SessionPushGrace);
        }
        catch (TimeoutException)
        {
            // A push that slow has failed or will; the observer was dropped either way.
        }

        if (_current.Session != sessionId)
        {
            return;
        }

        await CommitAsync(_current with { Session = null });
        ZoneGrainLog.Disconnected(logger, ZoneId);
        Publish();
    }

    /// <inheritdoc />
    public Task<ZoneSummary?> GetSummaryAsync() => Task.FromResult(_current.Descriptor is null ? null : Summarize());

    /// <inheritdoc />
    public Task<ZoneDetail?> GetAsync()
    {
        if (_current.Descriptor is null)
        {
            return Task.FromResult<ZoneDetail?>(null);
        }

        var report = _current.LastReport;
        var workloads = report?.Workloads ?? [];
        return Task.FromResult<ZoneDetail?>(new ZoneDetail(Summarize(), workloads, report?.Posture ?? [], _current.PlacedAt));
    }

    /// <inheritdoc />
    public async Task<ZoneStatus> CheckStalenessAsync()
    {
        var effective = EffectiveStatus(_current, clock.UtcNow);
        if (effective != _current.Status && _current.Descriptor is not null)
        {
            ZoneGrainLog.StatusChanged(logger, ZoneId, _current.Status, effective);
            await CommitAsync(_current with { Status = effective });
            Publish();
        }

        return effective;
    }

    /// <inheritdoc />
    public async Task EnqueueCommandAsync(ZoneCommand command)
    {
        if (ZoneCommandQueue.Enqueue(_current, command) is not { } next)
        {
            return;
        }

        // Storage first: the command is durable before anyone is told of it.
        await CommitAsync(next);
        if (command.Kind == ZoneCommandKind.Place)
        {
            _ledger.Await(command.WorkloadId);
            _plans.Placing(command, _current.LastReport);
        }

        if (_options.CommandPush)
        {
            _push.CommandStored();
        }
    }

    /// <inheritdoc />
    public Task<ImmutableArray<ZoneCommand>> GetPendingCommandsAsync() => Task.FromResult(ZoneCommandQueue.Pending(_current));

    /// <inheritdoc />
    public async Task CompleteCommandAsync(string commandId, bool succeeded, string message)
    {
        if (ZoneCommandQueue.Complete(_current, commandId, succeeded, message, clock.UtcNow) is not var (next, pending))
        {
            return;
        }

        await CommitAsync(next);
        ZoneGrainLog.CommandFinished(logger, ZoneId, commandId, succeeded, WireText.Excerpt(message, 200));
        if (!succeeded && pending.Kind == ZoneCommandKind.Place)
        {
            _ledger.PlacementFailed(pending.WorkloadId, commandId, message);
            RequestLedgerSync();
        }

        if (_plans.Answered(pending, succeeded) is { } plan)
        {
            TellPlan(plan);
        }
    }

    /// <inheritdoc />
    public Task<ZoneCommandOutcome?> GetCommandOutcomeAsync(string commandId) => Task.FromResult(ZoneCommandQueue.Outcome(_current, commandId));

    /// <inheritdoc />
    public Task<ZoneProbe> ProbeAsync(ImmutableArray<string> workloadIds, ImmutableArray<string> commandIds)
    {
        var workloads = ImmutableDictionary.CreateBuilder<string, WorkloadState>(StringComparer.Ordinal);
        var policies = ImmutableDictionary.CreateBuilder<string, AccessPolicy>(StringComparer.Ordinal);
        if (!workloadIds.IsDefaultOrEmpty && _current.LastReport is { } report)
        {
            var wanted = new HashSet<string>(workloadIds, StringComparer.Ordinal);
            foreach (var w in report.Workloads)
            {
                if (wanted.Contains(w.WorkloadId))
                {
                    workloads[w.WorkloadId] = w.State;
                    if (w.AccessPolicy is { } policy)
                    {
                        policies[w.WorkloadId] = policy;
                    }
                }
            }
        }

        var commands = ImmutableDictionary.CreateBuilder<string, ZoneCommandOutcome>(StringComparer.Ordinal);
        foreach (var id in commandIds.IsDefault ? [] : commandIds)
        {
            if (ZoneCommandQueue.Outcome(_current, id) is { } outcome)
            {
                commands[id] = outcome;
            }
        }

        return Task.FromResult(new ZoneProbe(
            ZoneId,
            _current.Descriptor is not null,
            EffectiveStatus(_current, clock.UtcNow),
            _current.Session is not null,
            workloads.ToImmutable(),
            commands.ToImmutable())
        {
            AccessPolicies = policies.ToImmutable(),
        });
    }

    /// <summary>Starts a sync with the ledger unless one is running, which then runs once more. Never blocks the calling turn.</summary>
    private void RequestLedgerSync()
    {
        if (_syncing)
        {
            _syncAgain = true;
            return;
        }

        _syncing = true;
        _ = SyncLedgerAsync();
    }

    /// <summary>
    /// Tells the ledger shards what changed in the zone's workloads since the last successful sync (every shard, in full,
    /// after activation or a failure). Runs between the grain's turns; a report arriving meanwhile makes it run again.
    /// </summary>
    private async Task SyncLedgerAsync()
    {
        try
        {
            do
            {
                _syncAgain = false;
                if (_current.LastReport is not { } report || _current.Descriptor is not { } descriptor)
                {
                    break;
                }

                var facts = ZoneFacts.Of(ZoneId, descriptor);
                var syncs = _ledger.Build(report, facts, _current.LastReceivedAt ?? clock.UtcNow);
                var results = new Dictionary<int, ZoneSyncResult>(syncs.Count);
                try
                {
                    // Through the silo's batcher: one call per shard carries the syncs of every zone waiting for it.
                    var calls = syncs.Select(async s => (s.Key, await ledgerSyncs.SyncAsync(s.Key, s.Value))).ToList();
                    foreach (var (shard, result) in await Task.WhenAll(calls))
                    {
                        results[shard] = result;
                    }
                }
                catch (Exception ex)
                {
                    _ledger.Failed();
                    LedgerLog.SyncFailed(logger, ZoneId, ex);
                    break;
                }

                if (_deactivating)
                {
                    break;
                }

                _ledger.Succeeded(report, facts, syncs, results, clock.UtcNow);

                // A report that arrived meanwhile was compared with the report before this one: compare it with this one.
                _syncAgain |= !ReferenceEquals(_current.LastReport, report);
            }
            while (_syncAgain);
        }
        finally
        {
            _syncing = false;
        }
    }

    /// <summary>
    /// <see cref="LedgerOptions.ResyncInterval"/> less up to a quarter, drawn once per activation: zones activated together
    /// (a host restart) resync at different periods, so they spread out instead of all sending everything in the same second.
    /// </summary>
    private TimeSpan JitteredResyncInterval() => _ledgerOptions.ResyncInterval * (1 - (Random.Shared.NextDouble() / 4));

    private ZoneStatus EffectiveStatus(ZoneState state, DateTimeOffset now) =>
        ZoneStatusRules.Effective(state.Status, state.LastReceivedAt, now, _options.StalenessWindow);

    /// <summary>True while the current state is ahead of what storage holds (a write-behind is due).</summary>
    private bool DirtyForStorage => !ReferenceEquals(storage.State, _current);

    /// <summary>The highest sequence whose effect is in storage: what storage holds is, by construction, the durable state.</summary>
    private ulong DurableSequence() => storage.State.LastSequence;

    private async Task OnTickAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        if (_current.LastReport is not null && _current.Descriptor is not null
            && (_ledger.NeedsFull || (_ledger.LastFullSync is { } full && now - full >= _resyncAfter)))
        {
            // A failed sync is retried in full; and every Ledger:ResyncInterval (less a per-zone jitter) the zone re-sends everything anyway.
            _ledger.RequireFull();
            RequestLedgerSync();
        }

        if (_dirtyForIndex && now - _lastPublish >= _options.IndexPublishInterval)
        {
            Publish();
        }

        if (DirtyForStorage && now - _lastFlush >= _options.StateFlushInterval)
        {
            try
            {
                await WriteAsync(_current);
            }
            catch (Exception ex)
            {
                // The applied reports stay in memory and unacknowledged; the agent keeps them until a later flush succeeds.
                ZoneGrainLog.FlushFailed(logger, ZoneId, ex);
            }
        }
    }

    /// <summary>Writes <paramref name="next"/> and only then makes it current; on failure nothing changes.</summary>
    private async Task CommitAsync(ZoneState next)
    {
        await WriteAsync(next);
        _current = next;
    }

    private async Task WriteAsync(ZoneState next)
    {
        await storage.WriteOrRestoreAsync(next, owner: this);
        _lastFlush = clock.UtcNow;

        // Whatever made these reports durable (the write-behind flush or any other write), the agent hears it now.
        _push.Durable(DurableSequence());
    }

    /// <summary>Tells plan <paramref name="planId"/> this zone has news for it (one-way; the plan's poll covers a lost one).</summary>
    private void TellPlan(string planId)
    {
        if (_options.CommandPush)
        {
            GrainFactory.GetGrain<IRebalancePlanGrain>(planId).ZoneChangedAsync(ZoneId).Ignore();
        }
    }

    private void Publish()
    {
        _dirtyForIndex = false;
        _lastPublish = clock.UtcNow;
        if (_current.Descriptor is null)
        {
            return;
        }

        var summary = Summarize();
        GrainFactory.GetGrain<IOneCloudIndexGrain>(0).PublishAsync(summary).Ignore();
        RecordHistory(summary);
    }

    /// <summary>Feeds the usage history once a minute (one-way; the first publish of each minute while the agent reports).</summary>
    private void RecordHistory(ZoneSummary summary)
    {
        var minute = ZoneHistory.Minute(clock.UtcNow);
        if (minute <= _lastHistoryMinute || _current.LastReport is null)
        {
            return;
        }

        _lastHistoryMinute = minute;
        var sample = new ZoneUsageSample(minute, summary.Capacity, summary.Usage, summary.Requested, summary.Status);
        GrainFactory.GetGrain<IZoneHistoryGrain>(ZoneHistory.SegmentKey(ZoneId, minute)).RecordAsync(sample).Ignore();
    }

    /// <summary>Tells the baseline grain the zone's verdict changed (one-way; the full audit covers a lost one).</summary>
    private void TellBaseline()
    {
        if (_current.Baseline is { } verdict)
        {
            GrainFactory.GetGrain<Abstractions.Baselines.IBaselineGrain>(0).ZoneEvaluatedAsync(ZoneId, verdict).Ignore();
        }
    }

    private ZoneSummary Summarize()
    {
        var report = _current.LastReport;
        var requested = ResourceVector.Zero;
        if (report is not null)
        {
            foreach (var workload in report.Workloads)
            {
                requested = ResourceSums.Saturating(requested, workload.Requests);
            }
        }

        return new ZoneSummary(
            ZoneId,
            _current.Descriptor!,
            _current.Status,
            report?.Capacity ?? ResourceVector.Zero,
            report?.Usage ?? ResourceVector.Zero,
            requested,
            report?.Workloads.Length ?? 0,
            _current.Session is not null,
            report?.ObservedAt,
            _current.LastSequence,
            _current.LastReceivedAt,
            report is { Degraded: true } ? report.DegradedReason : null)
        {
            BaselineBlocks = ZoneBaselineEffect.Blocks(_current, clock.UtcNow),
            QuarantineRuleId = _current.QuarantineRuleId,
            SessionHost = _current.Session is null ? null : _current.SessionHost,
        };
    }
}
