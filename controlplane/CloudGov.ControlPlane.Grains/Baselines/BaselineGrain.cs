using System.Diagnostics;
using System.Globalization;
using CloudGov.Baselines.Evaluation;
using CloudGov.ControlPlane.Abstractions.Baselines;
using CloudGov.ControlPlane.Grains.Ledger;

namespace CloudGov.ControlPlane.Grains.Baselines;

/// <summary>
/// The one-cloud security baseline (key 0): findings with their lifecycle, waivers, and the full audit. Every change is
/// written before the call returns (a failed write changes nothing). Zones tell it their verdicts as they change; the full
/// audit (a Quartz trigger) evaluates every zone and every ledger workload and resolves what is no longer seen.
/// </summary>
internal sealed partial class BaselineGrain(
    [PersistentState("baseline", "store")] IPersistentState<BaselineState> storage,
    BaselineEvaluator evaluator,
    IOptions<BaselineOptions> options,
    ControlPlaneClock clock,
    ILogger<BaselineGrain> logger) : Grain, IBaselineGrain
{
    private readonly BaselineOptions _options = options.Value;

    private BaselineState? _stored;

    private BaselineState State => storage.State;

    /// <summary>
    /// What storage holds: the reads (which interleave with a running change, see <see cref="IBaselineGrain"/>) answer
    /// from it, so that they neither wait for an evacuation round the change asked for nor see a state still being written.
    /// </summary>
    private BaselineState Stored => _stored ?? storage.State;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _stored = storage.State;
        return base.OnActivateAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task ZoneEvaluatedAsync(string zoneId, ZoneBaseline baseline)
    {
        var now = clock.UtcNow;
        var seen = baseline.Violations.Select(v => new FindingDraft(zoneId, "", "", v));
        var (findings, _, _) = FindingBook.Reconcile(State.Findings, f => f.ZoneId == zoneId && f.WorkloadId.Length == 0, seen, now, _options.MaxResolvedFindingsKept);
        await WriteAsync(State with { Findings = findings, Zones = State.Zones.SetItem(zoneId, baseline) });
        await ProposeEvacuationsAsync([zoneId], retryEnded: false);
    }

    /// <inheritdoc />
    public async Task MoveRolledBackAsync(string zoneId, string workloadId, string tenantId, BaselineViolation violation)
    {
        var (findings, _, _) = FindingBook.Reconcile(State.Findings, _ => false, [new FindingDraft(zoneId, workloadId, tenantId, violation)], clock.UtcNow, _options.MaxResolvedFindingsKept);
        await WriteAsync(State with { Findings = findings });
    }

    /// <inheritdoc />
    public async Task<AuditRunResult> RunFullAuditAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var now = clock.UtcNow;
        var summaries = await GrainFactory.GetGrain<IOneCloudIndexGrain>(0).ListAsync();
        var reads = summaries.Select(async s =>
        {
            try
            {
                return (s.ZoneId, Detail: await GrainFactory.GetGrain<IZoneGrain>(s.ZoneId).GetAsync());
            }
            catch (Exception ex)
            {
                BaselineGrainLog.ZoneUnreadable(logger, s.ZoneId, ex);
                return (s.ZoneId, Detail: (ZoneDetail?)null);
            }
        });
        var zones = await Task.WhenAll(reads);
        var unread = zones.Where(z => z.Detail is null).Select(z => z.ZoneId).ToHashSet(StringComparer.Ordinal);
        var details = zones.Where(z => z.Detail is not null).Select(z => z.Detail!).ToList();
        var records = await LedgerRecordsAsync();

        var (seen, verdicts) = BaselineAudit.Evaluate(evaluator, details, records, now);
        var (findings, opened, resolved) = FindingBook.Reconcile(State.Findings, f => !unread.Contains(f.ZoneId), seen, now, _options.MaxResolvedFindingsKept);
        var zonesKnown = State.Zones.SetItems(verdicts).RemoveRange(State.Zones.Keys.Where(k => !verdicts.ContainsKey(k) && !unread.Contains(k)));
        await WriteAsync(State with { Findings = findings, Zones = zonesKnown, LastFullAudit = now });

        // The safety net behind the evacuation proposals: a zone still to be evacuated whose plan ended (superseded, expired,
        // a move rolled back) or was never stored gets a plan again.
        await ProposeEvacuationsAsync(verdicts.Keys, retryEnded: true);

        // The safety net behind the waiver pushes: every zone with waivers hears them again.
        foreach (var zoneId in State.Waivers.Values.Where(w => w.ZoneId.Length > 0).Select(w => w.ZoneId).Distinct(StringComparer.Ordinal))
        {
            await PushZoneWaiversAsync(zoneId);
        }

        int open = findings.Values.Count(f => f.Open);
        var took = Stopwatch.GetElapsedTime(started);
        BaselineGrainLog.Audited(logger, details.Count, records.Count, opened, resolved, open, (long)took.TotalMilliseconds);
        return new AuditRunResult(details.Count, records.Count, opened, resolved, open, [], took);
    }

    /// <inheritdoc />
    public Task<ImmutableArray<FindingView>> ListFindingsAsync(FindingQuery query)
    {
        var now = clock.UtcNow;
        var tenants = query.TenantIds.IsDefault ? null : query.TenantIds.ToHashSet(StringComparer.Ordinal);
        var page = Stored.Findings.Values
            .Where(f => string.CompareOrdinal(f.FindingId, query.After) > 0
                && (query.ZoneId.Length == 0 || f.ZoneId == query.ZoneId)
                && (query.WorkloadId.Length == 0 || f.WorkloadId == query.WorkloadId)
                && (query.RuleId.Length == 0 || f.RuleId == query.RuleId)
                && f.Severity >= query.MinSeverity
                && (query.Open is not { } open || f.Open == open)
                && (tenants is null || (f.WorkloadId.Length > 0 && tenants.Contains(f.TenantId))))
            .OrderBy(f => f.FindingId, StringComparer.Ordinal)
            .Take(query.Limit)
            .Select(f => new FindingView(f, WaiverFor(Stored, f, now)?.WaiverId ?? ""))
            .ToImmutableArray();
        return Task.FromResult(page);
    }

    /// <inheritdoc />
    public Task<FindingView?> GetFindingAsync(string findingId) =>
        Task.FromResult(Stored.Findings.TryGetValue(findingId, out var f) ? new FindingView(f, WaiverFor(Stored, f, clock.UtcNow)?.WaiverId ?? "") : null);

    /// <inheritdoc />
    public async Task<WaiverResult> RequestWaiverAsync(WaiverAsk ask)
    {
        var now = clock.UtcNow;
        var same = State.Waivers.Values.FirstOrDefault(w => w.RequestedBy == ask.RequestedBy && w.IdempotencyKey == ask.IdempotencyKey);
        if (same is not null)
        {
            return same.RuleId == ask.RuleId && same.ZoneId == ask.ZoneId && same.WorkloadId == ask.WorkloadId && same.Reason == ask.Reason && same.ExpiresAt == ask.ExpiresAt
                ? WaiverResult.Of(same)
                : WaiverResult.Failed(WaiverResult.FailedPrecondition, $"idempotency key already used for waiver {same.WaiverId} with a different request; send a fresh key");
        }

        var waivers = State.Waivers;
        if (waivers.Count >= _options.MaxWaivers)
        {
            // Make room by forgetting the oldest waivers no longer in force; refuse when every one still is.
            var done = waivers.Values.Where(w => w.StateAt(now) is WaiverState.Revoked or WaiverState.Expired).OrderBy(w => w.RequestedAt).Take(waivers.Count - _options.MaxWaivers + 1).ToList();
            if (done.Count == 0)
            {
                return WaiverResult.Failed(WaiverResult.FailedPrecondition, $"{waivers.Count} waivers are pending or in force, the most kept (Baselines:MaxWaivers); revoke some first");
            }

            waivers = waivers.RemoveRange(done.Select(w => w.WaiverId));
        }

        string id = "w-" + State.NextWaiver.ToString("D12", CultureInfo.InvariantCulture);
        var waiver = new WaiverRecord(id, ask.RuleId, ask.ZoneId, ask.WorkloadId, ask.TenantId, ask.Reason, ask.RequestedBy, now, ask.ExpiresAt, WaiverState.Pending, ask.IdempotencyKey);
        await WriteAsync(State with { Waivers = waivers.SetItem(id, waiver), NextWaiver = State.NextWaiver + 1 });
        return WaiverResult.Of(waiver);
    }

    /// <inheritdoc />
    public async Task<WaiverResult> ApproveWaiverAsync(string waiverId, string approver, string reason)
    {
        var now = clock.UtcNow;
        if (!State.Waivers.TryGetValue(waiverId, out var waiver))
        {
            return WaiverResult.Failed(WaiverResult.NotFound, $"waiver {waiverId} is not known");
        }

        if (waiver.StateAt(now) != WaiverState.Pending)
        {
            return WaiverResult.Failed(WaiverResult.FailedPrecondition, $"waiver {waiverId} is {waiver.StateAt(now).ToString().ToLowerInvariant()}; only a pending, unexpired waiver can be approved");
        }

        if (waiver.RequestedBy == approver)
        {
            return WaiverResult.Failed(WaiverResult.FailedPrecondition, $"waiver {waiverId} was requested by {approver}; another operator or auditor must approve it");
        }

        var approved = waiver with { State = WaiverState.Approved, ApprovedBy = approver, ApprovedAt = now, DecisionReason = reason };
        await WriteAsync(State with { Waivers = State.Waivers.SetItem(waiverId, approved) });
        if (approved.ZoneId.Length > 0)
        {
            await PushZoneWaiversAsync(approved.ZoneId);
        }

        return WaiverResult.Of(approved);
    }

    /// <inheritdoc />
    public async Task<WaiverResult> RevokeWaiverAsync(string waiverId, string by, string reason)
    {
        var now = clock.UtcNow;
        if (!State.Waivers.TryGetValue(waiverId, out var waiver))
        {
            return WaiverResult.Failed(WaiverResult.NotFound, $"waiver {waiverId} is not known");
        }

        if (waiver.StateAt(now) is not (WaiverState.Pending or WaiverState.Approved))
        {
            return WaiverResult.Failed(WaiverResult.FailedPrecondition, $"waiver {waiverId} is {waiver.StateAt(now).ToString().ToLowerInvariant()}; only a pending or approved waiver can be revoked");
        }

        var revoked = waiver with { State = WaiverState.Revoked, RevokedBy = by, RevokedAt = now, DecisionReason = reason };
        await WriteAsync(State with { Waivers = State.Waivers.SetItem(waiverId, revoked) });
        if (revoked.ZoneId.Length > 0)
        {
            await PushZoneWaiversAsync(revoked.ZoneId);
        }

        return WaiverResult.Of(revoked);
    }

    /// <inheritdoc />
    public Task<WaiverRecord?> GetWaiverAsync(string waiverId) => Task.FromResult(Stored.Waivers.GetValueOrDefault(waiverId));

    /// <inheritdoc />
    public Task<ImmutableArray<WaiverRecord>> ListWaiversAsync(WaiverQuery query)
    {
        var now = clock.UtcNow;
        var tenants = query.TenantIds.IsDefault ? null : query.TenantIds.ToHashSet(StringComparer.Ordinal);
        var page = Stored.Waivers.Values
            .Where(w => (query.After.Length == 0 || string.CompareOrdinal(w.WaiverId, query.After) < 0)
                && (query.RuleId.Length == 0 || w.RuleId == query.RuleId)
                && (query.ZoneId.Length == 0 || w.ZoneId == query.ZoneId)
                && (query.WorkloadId.Length == 0 || w.WorkloadId == query.WorkloadId)
                && (query.State == WaiverState.Unspecified || w.StateAt(now) == query.State)
                && (tenants is null || (w.WorkloadId.Length > 0 && tenants.Contains(w.TenantId))))
            .OrderByDescending(w => w.WaiverId, StringComparer.Ordinal)
            .Take(query.Limit)
            .Select(w => w.StateAt(now) == WaiverState.Expired ? w with { State = WaiverState.Expired } : w)
            .ToImmutableArray();
        return Task.FromResult(page);
    }

    /// <inheritdoc />
    public Task<ImmutableDictionary<string, ZoneBaseline>> GetZoneBaselinesAsync() => Task.FromResult(Stored.Zones);

    /// <inheritdoc />
    public Task<bool> IsWorkloadWaivedAsync(string ruleId, string workloadId)
    {
        var now = clock.UtcNow;
        return Task.FromResult(Stored.Waivers.Values.Any(w => w.RuleId == ruleId && w.WorkloadId == workloadId && w.InForce(now)));
    }

    /// <summary>The waiver in force for a finding: rule × its workload, or rule × its zone.</summary>
    private static WaiverRecord? WaiverFor(BaselineState state, FindingRecord f, DateTimeOffset now) =>
        state.Waivers.Values.FirstOrDefault(w => w.RuleId == f.RuleId && w.InForce(now)
            && ((w.WorkloadId.Length > 0 && w.WorkloadId == f.WorkloadId) || (w.ZoneId.Length > 0 && w.ZoneId == f.ZoneId)));

    /// <summary>Tells zone <paramref name="zoneId"/> its approved, unexpired waivers; a failure is logged (the full audit pushes again).</summary>
    private async Task PushZoneWaiversAsync(string zoneId)
    {
        var now = clock.UtcNow;
        var waivers = State.Waivers.Values
            .Where(w => w.ZoneId == zoneId && w.InForce(now))
            .Select(w => new ZoneWaiver(w.WaiverId, w.RuleId, w.ExpiresAt))
            .ToImmutableArray();
        try
        {
            await GrainFactory.GetGrain<IZoneGrain>(zoneId).SetBaselineWaiversAsync(waivers);
        }
        catch (Exception ex)
        {
            BaselineGrainLog.WaiverPushFailed(logger, zoneId, ex);
        }
    }

    private async Task<List<WorkloadRecord>> LedgerRecordsAsync()
    {
        var shards = await Task.WhenAll(Enumerable.Range(0, LedgerShards.Count).Select(i => GrainFactory.GetGrain<ILedgerShardGrain>(i).SnapshotAsync()));
        return [.. shards.SelectMany(s => s)];
    }

    private async Task WriteAsync(BaselineState next)
    {
        await storage.WriteOrRestoreAsync(next, owner: this);
        _stored = next;
        // A signal only (one-way): the dashboards' security views re-read through the API.
        GrainFactory.GetGrain<Abstractions.Live.ILiveFeedGrain>(0).PublishAsync(Abstractions.Live.LiveTopic.Security, string.Empty).Ignore();
    }
}
