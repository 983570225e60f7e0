using CloudGov.ControlPlane.Abstractions.Audit;
using CloudGov.ControlPlane.Abstractions.Tenants;
using System.Diagnostics;
using Orleans.Concurrency;

namespace CloudGov.ControlPlane.Grains.Tenants;

/// <summary>
/// The tenant hierarchy and its quota (key 0). Every command is decided on the grain's working state — committed
/// state plus the changes waiting for their write — with no await between check and change, so racing callers never
/// over-grant. Changes are written in groups (one write carries every change decided while the previous write ran);
/// a caller hears its answer only after the write that holds it succeeded. When a write fails, the working state goes
/// back to what is stored and every caller whose change was not stored gets the failure: nothing stays behind in memory.
/// Reads see committed state only.
/// <para>
/// Storage is the <see cref="IQuotaJournal"/>: each group write stores only the rows its decisions changed (a request
/// is a row of its own, so the retained history is never re-serialized) together with the audit entries of the commands
/// it carries, in one transaction. State the previous release kept in one grain-state row (<c>tenant-quota</c>) is read
/// once, when the journal holds nothing yet, and copied into the journal's rows before the grain answers anything.
/// </para>
/// </summary>
[Reentrant]
internal sealed class TenantQuotaGrain(
    [PersistentState("tenant-quota", "store")] IPersistentState<TenantQuotaState> legacy,
    IQuotaJournal journal,
    IOptions<QuotaOptions> options,
    IEnumerable<IQuotaDecisionSink> sinks,
    ControlPlaneClock clock,
    ILogger<TenantQuotaGrain> logger) : Grain, ITenantQuotaGrain
{
    private const int RecentDecisions = 1_000;
    private readonly QuotaAutoApprovalPolicy _policy = new(options.Value.AutoApproval);
    private readonly QuotaLimits _limits = options.Value.Limits;
    private readonly List<IQuotaDecisionSink> _sinks = [.. sinks];
    private readonly Queue<QuotaDecision> _recent = new();
    private TenantQuotaState _stored = new();
    private TenantQuotaState? _working;
    private Batch? _next;
    private Task? _writer;
    private QuotaTree? _tree;

    private TenantQuotaState Working => _working ??= _stored;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (await journal.LoadAsync(cancellationToken) is { } snapshot)
        {
            _stored = QuotaJournalDiff.StateOf(snapshot);
            return;
        }

        // Nothing in the journal yet: the previous release's single row (if any) becomes its first commit.
        var old = legacy.State;
        if (old.Tenants.Count > 0 || old.Requests.Count > 0 || old.LastSequence > 0)
        {
            await journal.CommitAsync(QuotaJournalDiff.All(old), cancellationToken);
            TenantQuotaLog.Imported(logger, old.Tenants.Count, old.Requests.Count);
        }

        _stored = old.Indexed();
    }

    /// <inheritdoc />
    public Task<QuotaTree> GetTreeAsync()
    {
        var committed = _stored;
        if (_tree is null || _tree.Version != committed.TreeVersion)
        {
            _tree = new QuotaTree([.. committed.Tenants.Values.OrderBy(t => t.TenantId, StringComparer.Ordinal)], committed.TreeVersion);
        }

        return Task.FromResult(_tree);
    }

    /// <inheritdoc />
    public async Task<QuotaResult> RequestAsync(QuotaAsk ask, QuotaReading reading, AuditEntryDraft? audit = null)
    {
        ArgumentNullException.ThrowIfNull(ask);
        ArgumentNullException.ThrowIfNull(reading);
        string key = QuotaBook.KeyOf(ask.TenantId, ask.IdempotencyKey);
        if (Working.IdempotencyKeys.ContainsKey(key) && !_stored.IdempotencyKeys.ContainsKey(key))
        {
            // The first request with this key is decided but not yet stored: its answer is the one to give, once stored.
            await Enqueue(null, null, null);
        }

        return await ApplyAsync(Stopwatch.GetTimestamp(), QuotaBook.Request(Working, ask, reading, _policy, _limits, clock.UtcNow), audit);
    }

    /// <inheritdoc />
    public Task<QuotaResult> ApproveAsync(string requestId, ResourceVector? granted, string by, string reason, QuotaReading reading, AuditEntryDraft? audit = null) =>
        ApplyAsync(Stopwatch.GetTimestamp(), QuotaBook.Approve(Working, requestId, granted, by, reason, reading, _limits, clock.UtcNow), audit);

    /// <inheritdoc />
    public Task<QuotaResult> RejectAsync(string requestId, string by, string reason, AuditEntryDraft? audit = null) =>
        ApplyAsync(Stopwatch.GetTimestamp(), QuotaBook.Reject(Working, requestId, by, reason, _limits, clock.UtcNow), audit);

    /// <inheritdoc />
    public Task<QuotaResult> CancelAsync(string requestId, string by, AuditEntryDraft? audit = null) =>
        ApplyAsync(Stopwatch.GetTimestamp(), QuotaBook.Cancel(Working, requestId, by, _limits, clock.UtcNow), audit);

    /// <inheritdoc />
    public Task<QuotaRequestRecord?> GetRequestAsync(string requestId) => Task.FromResult(_stored.Requests.GetValueOrDefault(requestId));

    /// <inheritdoc />
    public Task<ImmutableArray<QuotaRequestRecord>> ListRequestsAsync(string tenantId, bool pendingOnly, int limit)
    {
        var s = _stored;
        ImmutableArray<QuotaRequestRecord> list = [.. s.Requests.Values
            .Where(r => (!pendingOnly || r.IsPending) && (tenantId.Length == 0 || TenantHierarchy.IsWithin(s.Tenants, r.TenantId, tenantId) || r.TenantId == tenantId))
            .OrderByDescending(r => r.Sequence)
            .Take(Math.Clamp(limit, 1, 1_000))];
        return Task.FromResult(list);
    }

    /// <inheritdoc />
    public Task<QuotaResult> CreateTenantAsync(TenantNode tenant, string by, ResourceVector capacity, AuditEntryDraft? audit = null) =>
        ApplyAsync(Stopwatch.GetTimestamp(), QuotaBook.CreateTenant(Working, tenant, by, capacity, _limits, clock.UtcNow), audit);

    /// <inheritdoc />
    public Task<QuotaResult> UpdateTenantAsync(string tenantId, string? displayName, ResourceVector? allocated, string by, string reason, QuotaReading reading, AuditEntryDraft? audit = null) =>
        ApplyAsync(Stopwatch.GetTimestamp(), QuotaBook.UpdateTenant(Working, tenantId, displayName, allocated, by, reason, reading, clock.UtcNow), audit);

    /// <inheritdoc />
    public Task<QuotaResult> MoveTenantAsync(string tenantId, string newParentId, string by, ResourceVector capacity, AuditEntryDraft? audit = null) =>
        ApplyAsync(Stopwatch.GetTimestamp(), QuotaBook.MoveTenant(Working, tenantId, newParentId, by, capacity, _limits, clock.UtcNow), audit);

    /// <inheritdoc />
    public Task<QuotaResult> DeleteTenantAsync(string tenantId, bool hasWorkloads, string by, AuditEntryDraft? audit = null) =>
        ApplyAsync(Stopwatch.GetTimestamp(), QuotaBook.DeleteTenant(Working, tenantId, hasWorkloads, by, clock.UtcNow), audit);

    /// <inheritdoc />
    public async Task<int> SeedAsync(ImmutableArray<TenantNode> tenants)
    {
        var s = Working;
        var now = clock.UtcNow;
        var decisions = new List<QuotaDecision>();
        var left = tenants.Where(t => !s.Tenants.ContainsKey(t.TenantId)).ToList();
        bool progress = true;
        while (left.Count > 0 && progress)
        {
            progress = false;
            foreach (var t in left.Where(t => t.IsRoot || s.Tenants.ContainsKey(t.ParentId)).ToList())
            {
                // Configuration is trusted for the roots' capacity (zones may not have reported yet), not for fitting under a parent.
                var step = QuotaBook.CreateTenant(s, t, "configuration", ResourceVector.Zero, _limits, now, checkCapacity: false);
                left.Remove(t);
                progress = true;
                if (step.Decision is null)
                {
                    TenantQuotaLog.SeedSkipped(logger, t.TenantId, step.Result.Message);
                    continue;
                }

                s = step.State;
                decisions.Add(step.Decision with { Kind = "tenant.seed" });
            }
        }

        foreach (var t in left)
        {
            TenantQuotaLog.SeedSkipped(logger, t.TenantId, $"its parent {t.ParentId} is not known");
        }

        if (decisions.Count == 0)
        {
            return 0;
        }

        _working = s;
        await Enqueue(decisions, null, null);
        TenantQuotaLog.Seeded(logger, decisions.Count);
        return decisions.Count;
    }

    /// <inheritdoc />
    public Task<ImmutableArray<QuotaDecision>> DecisionsAsync(int limit) =>
        Task.FromResult<ImmutableArray<QuotaDecision>>([.. _recent.Skip(Math.Max(0, _recent.Count - Math.Clamp(limit, 1, RecentDecisions)))]);

    /// <summary>
    /// Makes the step's state the working state and answers once it is stored with its audit record. A refusal changes
    /// nothing: without an audit draft it answers at once, with one it answers once its record is stored — except a
    /// refusal for back-pressure (<see cref="QuotaFailure.LimitReached"/>: the tenant's pending limit, the most tenants),
    /// which is not journaled (see <see cref="IsBackPressure"/>) and is answered as soon as the state it was decided on
    /// is stored: at once when nothing waits for a write, else with the write that stores what it saw.
    /// </summary>
    /// <param name="started">When the command's turn began (taken before the rule ran), for the decide-time instrument.</param>
    private async Task<QuotaResult> ApplyAsync(long started, QuotaStep step, AuditEntryDraft? audit)
    {
        if (step.Decision is null)
        {
            if (audit is not null && IsBackPressure(step.Result))
            {
                Decided(started);
                if (!ReferenceEquals(Working, _stored))
                {
                    // Decided on changes not yet stored: never answer on a premise a failed write could still take back.
                    await Enqueue(null, null, null);
                }

                return step.Result;
            }

            // The outcome entry is drafted only for what is journaled (never for back-pressure, the hot refusal).
            var refusal = audit is null ? null : new QuotaAuditRecord(audit, QuotaAuditOutcome.Of(step.Result));
            if (refusal is not null)
            {
                var stored = Enqueue(null, null, refusal);
                Decided(started);
                await stored;
            }

            return step.Result;
        }

        _working = step.State;
        var record = audit is null ? null : new QuotaAuditRecord(audit, QuotaAuditOutcome.Of(step.Result));
        var done = Enqueue([step.Decision], step.Result.Request?.RequestId, record);
        Decided(started);
        await done;
        return step.Result;
    }

    /// <summary>
    /// A refusal that only says "too much is waiting" — the tenant's pending limit, the most tenants — changes nothing and
    /// decides nothing on the merits; like the per-identity rate limit it is back-pressure: answered at once
    /// (RESOURCE_EXHAUSTED), counted (<c>cloudgov_quota_commands_total{outcome="limit_reached"}</c>) and logged once per
    /// peer per window, never journaled, so a client retrying in a loop cannot grow the audit trail by two entries a call.
    /// </summary>
    private static bool IsBackPressure(QuotaResult result) => result.Failure == QuotaFailure.LimitReached;

    private static void Decided(long started)
    {
        if (TenantQuotaMeter.DecideMicroseconds.Enabled)
        {
            TenantQuotaMeter.DecideMicroseconds.Record(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
        }
    }

    /// <summary>Joins the next write (starting the writer if none runs); completes when that write is stored.</summary>
    private Task Enqueue(IReadOnlyList<QuotaDecision>? decisions, string? requestId, QuotaAuditRecord? audit)
    {
        _next ??= new Batch();
        if (decisions is not null)
        {
            _next.Decisions.AddRange(decisions);
            foreach (var d in decisions)
            {
                _next.Touch(d);
            }
        }

        if (requestId is not null)
        {
            _next.Requests.Add(requestId);
        }

        if (audit is not null)
        {
            _next.Audit.Add(audit);
        }

        if (decisions is not null || audit is not null)
        {
            _next.Commands++;
        }

        var done = _next.Done.Task;
        _writer ??= WriteLoopAsync();
        return done;
    }

    private async Task WriteLoopAsync()
    {
        // Let every call already queued on the grain decide first, so one write carries them all.
        await Task.Yield();
        while (_next is { } batch)
        {
            _next = null;
            var target = Working;
            var rows = QuotaJournalDiff.Between(_stored, target, batch.Requests, [.. batch.Audit], batch.AnyTenant ? null : batch.Tenants);
            try
            {
                if (!rows.ChangesNoRow || !rows.Audit.IsEmpty || rows.LastSequence != _stored.LastSequence || rows.TreeVersion != _stored.TreeVersion)
                {
                    long started = Stopwatch.GetTimestamp();
                    // The journal's own work (row bodies, the audit entries' bounding and canonical encoding) runs on
                    // the thread pool, beside the decisions this grain keeps taking meanwhile.
                    await Task.Run(() => journal.CommitAsync(rows, CancellationToken.None));
                    TenantQuotaMeter.Commits.Add(1);
                    TenantQuotaMeter.CommittedCommands.Add(batch.Commands);
                    TenantQuotaMeter.CommitMilliseconds.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
            catch (Exception ex)
            {
                // Nothing decided since the last stored write survives: this batch was not stored, and the next one was
                // decided on top of it. Both are failed; their callers may retry (an idempotent retry decides afresh).
                _working = null;
                var later = _next;
                _next = null;
                TenantQuotaLog.WriteFailed(logger, batch.Decisions.Count + (later?.Decisions.Count ?? 0), ex);
                batch.Done.TrySetException(ex);
                later?.Done.TrySetException(ex);
                continue;
            }

            _stored = target;
            await CommittedAsync(batch.Decisions);
            batch.Done.TrySetResult();
        }

        _writer = null;
    }

    private async Task CommittedAsync(List<QuotaDecision> decisions)
    {
        foreach (var d in decisions)
        {
            TenantQuotaLog.Decided(logger, d);
            _recent.Enqueue(d);
            if (_recent.Count > RecentDecisions)
            {
                _recent.Dequeue();
            }
        }

        if (decisions.Count == 0)
        {
            return;
        }

        foreach (var sink in _sinks)
        {
            try
            {
                await sink.RecordAsync(decisions);
            }
            catch (Exception ex)
            {
                TenantQuotaLog.SinkFailed(logger, ex);
            }
        }
    }

    private sealed class Batch
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<QuotaDecision> Decisions { get; } = [];

        public HashSet<string> Requests { get; } = new(StringComparer.Ordinal);

        /// <summary>The tenants the batch's request decisions may have changed (see <see cref="AnyTenant"/>).</summary>
        public HashSet<string> Tenants { get; } = new(StringComparer.Ordinal);

        /// <summary>True when a decision may have changed any tenant (a hierarchy command): the journal diff compares them all.</summary>
        public bool AnyTenant { get; private set; }

        public List<QuotaAuditRecord> Audit { get; } = [];

        /// <summary>
        /// Notes what <paramref name="decision"/> may have changed: a request decision (<c>quota.*</c>, from
        /// <see cref="QuotaBook"/>'s Request, Approve, Reject, Cancel) changes at most its own tenant's allocation;
        /// anything else (<c>tenant.*</c>) may change the hierarchy's shape.
        /// </summary>
        public void Touch(QuotaDecision decision)
        {
            if (decision.Kind.StartsWith("quota.", StringComparison.Ordinal))
            {
                Tenants.Add(decision.TenantId);
            }
            else
            {
                AnyTenant = true;
            }
        }

        /// <summary>How many callers wait for this write.</summary>
        public int Commands { get; set; }
    }
}
