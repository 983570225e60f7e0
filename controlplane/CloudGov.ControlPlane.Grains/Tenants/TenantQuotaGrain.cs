using CloudGov.ControlPlane.Abstractions.Tenants;
using Orleans.Concurrency;

namespace CloudGov.ControlPlane.Grains.Tenants;

/// <summary>
/// The tenant hierarchy and its quota (key 0). Every command is decided on the grain's working state — committed
/// state plus the changes waiting for their write — with no await between check and change, so racing callers never
/// over-grant. Changes are written in groups (one write carries every change decided while the previous write ran);
/// a caller hears its answer only after the write that holds it succeeded. When a write fails, the working state goes
/// back to what is stored and every caller whose change was not stored gets the failure: nothing stays behind in memory.
/// Reads see committed state only.
/// </summary>
[Reentrant]
internal sealed class TenantQuotaGrain(
    [PersistentState("tenant-quota", "store")] IPersistentState<TenantQuotaState> state,
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
    private TenantQuotaState? _working;
    private Batch? _next;
    private Task? _writer;
    private QuotaTree? _tree;

    private TenantQuotaState Working => _working ??= state.State;

    /// <inheritdoc />
    public Task<QuotaTree> GetTreeAsync()
    {
        var committed = state.State;
        if (_tree is null || _tree.Version != committed.TreeVersion)
        {
            _tree = new QuotaTree([.. committed.Tenants.Values.OrderBy(t => t.TenantId, StringComparer.Ordinal)], committed.TreeVersion);
        }

        return Task.FromResult(_tree);
    }

    /// <inheritdoc />
    public async Task<QuotaResult> RequestAsync(QuotaAsk ask, QuotaReading reading)
    {
        ArgumentNullException.ThrowIfNull(ask);
        ArgumentNullException.ThrowIfNull(reading);
        string key = QuotaBook.KeyOf(ask.TenantId, ask.IdempotencyKey);
        if (Working.IdempotencyKeys.ContainsKey(key) && !state.State.IdempotencyKeys.ContainsKey(key))
        {
            // The first request with this key is decided but not yet stored: its answer is the one to give, once stored.
            await Enqueue(null);
        }

        return await ApplyAsync(QuotaBook.Request(Working, ask, reading, _policy, _limits, clock.UtcNow));
    }

    /// <inheritdoc />
    public Task<QuotaResult> ApproveAsync(string requestId, ResourceVector? granted, string by, string reason, QuotaReading reading) =>
        ApplyAsync(QuotaBook.Approve(Working, requestId, granted, by, reason, reading, _limits, clock.UtcNow));

    /// <inheritdoc />
    public Task<QuotaResult> RejectAsync(string requestId, string by, string reason) =>
        ApplyAsync(QuotaBook.Reject(Working, requestId, by, reason, _limits, clock.UtcNow));

    /// <inheritdoc />
    public Task<QuotaResult> CancelAsync(string requestId, string by) =>
        ApplyAsync(QuotaBook.Cancel(Working, requestId, by, _limits, clock.UtcNow));

    /// <inheritdoc />
    public Task<QuotaRequestRecord?> GetRequestAsync(string requestId) => Task.FromResult(state.State.Requests.GetValueOrDefault(requestId));

    /// <inheritdoc />
    public Task<ImmutableArray<QuotaRequestRecord>> ListRequestsAsync(string tenantId, bool pendingOnly, int limit)
    {
        var s = state.State;
        ImmutableArray<QuotaRequestRecord> list = [.. s.Requests.Values
            .Where(r => (!pendingOnly || r.IsPending) && (tenantId.Length == 0 || TenantHierarchy.IsWithin(s.Tenants, r.TenantId, tenantId) || r.TenantId == tenantId))
            .OrderByDescending(r => r.Sequence)
            .Take(Math.Clamp(limit, 1, 1_000))];
        return Task.FromResult(list);
    }

    /// <inheritdoc />
    public Task<QuotaResult> CreateTenantAsync(TenantNode tenant, string by, ResourceVector capacity) =>
        ApplyAsync(QuotaBook.CreateTenant(Working, tenant, by, capacity, _limits, clock.UtcNow));

    /// <inheritdoc />
    public Task<QuotaResult> UpdateTenantAsync(string tenantId, string? displayName, ResourceVector? allocated, string by, string reason, QuotaReading reading) =>
        ApplyAsync(QuotaBook.UpdateTenant(Working, tenantId, displayName, allocated, by, reason, reading, clock.UtcNow));

    /// <inheritdoc />
    public Task<QuotaResult> MoveTenantAsync(string tenantId, string newParentId, string by, ResourceVector capacity) =>
        ApplyAsync(QuotaBook.MoveTenant(Working, tenantId, newParentId, by, capacity, _limits, clock.UtcNow));

    /// <inheritdoc />
    public Task<QuotaResult> DeleteTenantAsync(string tenantId, bool hasWorkloads, string by) =>
        ApplyAsync(QuotaBook.DeleteTenant(Working, tenantId, hasWorkloads, by, clock.UtcNow));

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
        await Enqueue(decisions);
        TenantQuotaLog.Seeded(logger, decisions.Count);
        return decisions.Count;
    }

    /// <inheritdoc />
    public Task<ImmutableArray<QuotaDecision>> DecisionsAsync(int limit) =>
        Task.FromResult<ImmutableArray<QuotaDecision>>([.. _recent.Skip(Math.Max(0, _recent.Count - Math.Clamp(limit, 1, RecentDecisions)))]);

    /// <summary>Makes the step's state the working state and answers once it is stored; a refusal answers at once.</summary>
    private async Task<QuotaResult> ApplyAsync(QuotaStep step)
    {
        if (step.Decision is null)
        {
            return step.Result;
        }

        _working = step.State;
        await Enqueue([step.Decision]);
        return step.Result;
    }

    /// <summary>Joins the next write (starting the writer if none runs); completes when that write is stored.</summary>
    private Task Enqueue(IReadOnlyList<QuotaDecision>? decisions)
    {
        _next ??= new Batch();
        if (decisions is not null)
        {
            _next.Decisions.AddRange(decisions);
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
            try
            {
                await state.WriteOrRestoreAsync(Working);
            }
            catch (Exception ex)
            {
                // Nothing decided since the last stored write survives: this batch was not stored, and the next one was
                // decided on top of it. Both are failed; their callers may retry (an idempotent retry decides afresh).
                _working = state.State;
                var later = _next;
                _next = null;
                TenantQuotaLog.WriteFailed(logger, batch.Decisions.Count + (later?.Decisions.Count ?? 0), ex);
                batch.Done.TrySetException(ex);
                later?.Done.TrySetException(ex);
                continue;
            }

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
    }
}
