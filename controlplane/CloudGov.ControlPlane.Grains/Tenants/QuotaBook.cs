using System.Globalization;
using CloudGov.ControlPlane.Abstractions.Tenants;

namespace CloudGov.ControlPlane.Grains.Tenants;

/// <summary>
/// The quota rules as pure functions over <see cref="TenantQuotaState"/>: each command returns the next state, the answer
/// and the decision, or the unchanged state and why. Invariants kept by every command: the children of a tenant hold at
/// most its allocation; the roots hold at most the one cloud's capacity (when it is checked); a tenant's allocation never
/// drops below what its children hold or, on a decrease, below its subtree's use.
/// </summary>
internal static class QuotaBook
{
    /// <summary>The level named when the one cloud's capacity (not a parent) is short.</summary>
    public const string OneCloudLevel = "one-cloud";

    /// <summary>Who auto-approval decisions are recorded as.</summary>
    public const string AutoApprover = "auto-approval";

    /// <summary>The idempotency index key of a tenant's key.</summary>
    public static string KeyOf(string tenantId, string idempotencyKey) => string.Concat(tenantId, "\u0000", idempotencyKey);

    /// <summary>Files a request (and auto-decides it under <paramref name="policy"/>); a known key returns its request unchanged.</summary>
    public static QuotaStep Request(TenantQuotaState s, QuotaAsk ask, QuotaReading reading, QuotaAutoApprovalPolicy policy, QuotaLimits limits, DateTimeOffset now)
    {
        if (s.IdempotencyKeys.TryGetValue(KeyOf(ask.TenantId, ask.IdempotencyKey), out var knownId) && s.Requests.TryGetValue(knownId, out var known))
        {
            return known.SameAsk(ask.TenantId, ask.Direction, ask.Amount, ask.Justification)
                ? QuotaStep.Refuse(s, new QuotaResult(QuotaFailure.None, $"request {known.RequestId} (a retry with the same idempotency key)", known))
                : QuotaStep.Refuse(s, QuotaResult.Fail(QuotaFailure.IdempotencyConflict,
                    $"idempotency key already used by request {known.RequestId} for a different request; use a new key for a new request", field: "idempotency_key"));
        }

        if (!s.Tenants.TryGetValue(ask.TenantId, out var tenant))
        {
            return QuotaStep.Refuse(s, QuotaResult.Fail(QuotaFailure.NotFound, $"tenant '{WireText.Excerpt(ask.TenantId, 32)}' is not known", field: "tenant_id"));
        }

        int pending = s.PendingByTenant.GetValueOrDefault(ask.TenantId);
        if (pending >= limits.MaxPendingPerTenant)
        {
            return QuotaStep.Refuse(s, QuotaResult.Fail(QuotaFailure.LimitReached,
                $"tenant {ask.TenantId} already has {pending} pending requests (at most {limits.MaxPendingPerTenant}); cancel one or wait for a decision"));
        }

        if (ask.Direction == QuotaDirection.Decrease && DecreaseProblem(s, tenant, ask.Amount, reading) is { } problem)
        {
            return QuotaStep.Refuse(s, problem);
        }

        long sequence = s.LastSequence + 1;
        var record = new QuotaRequestRecord
        {
            RequestId = "qr-" + sequence.ToString("D12", CultureInfo.InvariantCulture),
            TenantId = ask.TenantId,
            Direction = ask.Direction,
            Amount = ask.Amount,
            Justification = ask.Justification,
            IdempotencyKey = ask.IdempotencyKey,
            RequestedBy = ask.By,
            RequestedAt = now,
            State = QuotaRequestState.Pending,
            Sequence = sequence,
        };
        var verdict = policy.Decide(s, tenant, ask.Direction, ask.Amount, reading);
        var next = s with { LastSequence = sequence };
        if (verdict.Approve)
        {
            var granted = Grant(record, ask.Amount, AutoApprover, verdict.Reason, now) with { Rule = verdict.Rule };
            next = Store(next, granted, limits, tenant, ask.Direction, ask.Amount, now);
            return new QuotaStep(next, new QuotaResult(QuotaFailure.None, verdict.Reason, granted),
                new QuotaDecision("quota.auto-approve", ask.TenantId, granted.RequestId, AutoApprover, verdict.Reason, verdict.Rule, next.Tenants[ask.TenantId].Allocated, now));
        }

        record = record with { Rule = verdict.Rule, DecisionReason = verdict.Reason };
        next = Store(next, record, limits, tenant: null, ask.Direction, ResourceVector.Zero, now);
        return new QuotaStep(next, new QuotaResult(QuotaFailure.None, $"request {record.RequestId} waits for an operator: {verdict.Reason}", record),
            new QuotaDecision("quota.request", ask.TenantId, record.RequestId, ask.By, ask.Justification, verdict.Rule, tenant.Allocated, now));
    }

    /// <summary>An operator grants a pending request, fully (null) or partly.</summary>
    public static QuotaStep Approve(TenantQuotaState s, string requestId, ResourceVector? granted, string by, string reason, QuotaReading reading, QuotaLimits limits, DateTimeOffset now)
    {
        if (Pending(s, requestId, out var request) is { } refused)
        {
            return QuotaStep.Refuse(s, refused);
        }

        var grant = granted ?? request.Amount;
        if (!grant.IsNonNegative || !grant.FitsWithin(request.Amount) || grant.IsZero)
        {
            return QuotaStep.Refuse(s, QuotaResult.Fail(QuotaFailure.Invalid,
                $"granted must be at most what was requested ({request.Amount}) in every dimension and more than zero in one; reject the request to grant nothing", field: "granted"));
        }

        if (!s.Tenants.TryGetValue(request.TenantId, out var tenant))
        {
            return QuotaStep.Refuse(s, QuotaResult.Fail(QuotaFailure.FailedPrecondition, $"tenant {request.TenantId} of request {requestId} no longer exists; reject the request"));
        }

        if (request.Direction == QuotaDirection.Increase)
        {
            if (TenantHierarchy.ShortLevelForGrant(s, tenant, grant, reading.Capacity, out var left) is { } level)
            {
                return QuotaStep.Refuse(s, QuotaResult.Fail(QuotaFailure.QuotaExceeded,
                    $"TENANT_QUOTA_EXCEEDED at {level}: it has {ResourceVector.Max(left, ResourceVector.Zero)} left to give, the grant needs {grant}; grant less or raise {level} first", level));
            }
        }
        else if (DecreaseProblem(s, tenant, grant, reading) is { } problem)
        {
            return QuotaStep.Refuse(s, problem);
        }

        var decided = Grant(request, grant, by, reason, now);
        var next = Store(s, decided, limits, tenant, request.Direction, grant, now);
        return new QuotaStep(next, new QuotaResult(QuotaFailure.None, $"request {requestId} {(decided.State == QuotaRequestState.Approved ? "approved" : "partly approved")}", decided),
            new QuotaDecision("quota.approve", tenant.TenantId, requestId, by, reason, string.Empty, next.Tenants[tenant.TenantId].Allocated, now));
    }

    /// <summary>An operator rejects a pending request.</summary>
    public static QuotaStep Reject(TenantQuotaState s, string requestId, string by, string reason, QuotaLimits limits, DateTimeOffset now) =>
        Close(s, requestId, QuotaRequestState.Rejected, "quota.reject", by, reason, limits, now);

    /// <summary>The requester withdraws a pending request.</summary>
    public static QuotaStep Cancel(TenantQuotaState s, string requestId, string by, QuotaLimits limits, DateTimeOffset now) =>
        Close(s, requestId, QuotaRequestState.Cancelled, "quota.cancel", by, "cancelled by its requester", limits, now);

    /// <summary>Adds a tenant under an existing parent (or as a root) whose allocation fits what the parent has left.</summary>
    public static QuotaStep CreateTenant(TenantQuotaState s, TenantNode tenant, string by, ResourceVector capacity, QuotaLimits limits, DateTimeOffset now, bool checkCapacity = true)
    {
        if (s.Tenants.ContainsKey(tenant.TenantId))
        {
            return QuotaStep.Refuse(s, QuotaResult.Fail(QuotaFailure.AlreadyExists, $"tenant {tenant.TenantId} already exists", field: "tenant_id"));
        }

        if (s.Tenants.Count >= limits.MaxTenants)
        {
            return QuotaStep.Refuse(s, QuotaResult.Fail(QuotaFailure.LimitReached, $"the hierarchy holds {s.Tenants.Count} tenants, the most it may (Quota:MaxTenants)"));
        }

        if (!tenant.IsRoot && !s.Tenants.ContainsKey(tenant.ParentId))
        {
            return QuotaStep.Refuse(s, QuotaResult.Fail(QuotaFailure.NotFound, $"parent tenant {tenant.ParentId} is not known; create it first", field: "parent_id"));
        }

        if (!tenant.IsRoot && TenantHierarchy.Depth(s.Tenants, tenant.ParentId) + 1 > limits.MaxDepth)
        {
            return QuotaStep.Refuse(s, QuotaResult.Fail(QuotaFailure.LimitReached, $"a tenant under {tenant.ParentId} would be at depth {TenantHierarchy.Depth(s.Tenants, tenant.ParentId) + 1}; at most {limits.MaxDepth} (Quota:MaxDepth)", field: "parent_id"));
        }

        var node = tenant with { UpdatedAt = now };
        if ((!tenant.IsRoot || checkCapacity) && TenantHierarchy.ShortLevelForGrant(s.Tenants.SetItem(node.TenantId, node with { Allocated = ResourceVector.Zero }), node, node.Allocated, capacity, out var left) is { } level)
        {
            return QuotaStep.Refuse(s, QuotaResult.Fail(QuotaFailure.QuotaExceeded,
                $"TENANT_QUOTA_EXCEEDED at {level}: it has {ResourceVector.Max(left, ResourceVector.Zero)} left to give, the new tenant asks {node.Allocated}", level, "allocated"));
        }

        var next = s with { Tenants = s.Tenants.SetItem(node.TenantId, node), TreeVersion = s.TreeVersion + 1 };
        return new QuotaStep(next, new QuotaResult(QuotaFailure.None, $"tenant {node.TenantId} created", Tenant: node),
            new QuotaDecision("tenant.create", node.TenantId, string.Empty, by, $"created under {(node.IsRoot ? "(root)" : node.ParentId)}", string.Empty, node.Allocated, now));
    }

    /// <summary>Renames a tenant and/or sets its allocation.</summary>
    public static QuotaStep UpdateTenant(TenantQuotaState s, string tenantId, string? displayName, ResourceVector? allocated, string by, string reason, QuotaReading reading, DateTimeOffset now)
    {
        if (!s.Tenants.TryGetValue(tenantId, out var tenant))
        {
            return QuotaStep.Refuse(s, QuotaResult.Fail(QuotaFailure.NotFound, $"tenant '{WireText.Excerpt(tenantId, 32)}' is not known", field: "tenant_id"));
        }

        var node = tenant with { DisplayName = string.IsNullOrEmpty(displayName) ? tenant.DisplayName : displayName, UpdatedAt = now };
        if (allocated is { } target && target != tenant.Allocated)
        {
            var children = s.Children.Allocated(tenantId);
            if (!children.FitsWithin(target))
            {
                return QuotaStep.Refuse(s, QuotaResult.Fail(QuotaFailure.FailedPrecondition,
                    $"its children hold {children}; the allocation {target} must cover that (lower the children first)", field: "allocated"));
            }

            if (!CoversIn(target, reading.SubtreeUse, Lowered(tenant.Allocated, target)))
            {
                return QuotaStep.Refuse(s, QuotaResult.Fail(QuotaFailure.FailedPrecondition,
                    $"its subtree uses {reading.SubtreeUse}; a lower allocation must still cover that in every dimension it lowers", field: "allocated"));
            }

            var extra = ResourceVector.Max(target - tenant.Allocated, ResourceVector.Zero);
            if (!extra.IsZero && TenantHierarchy.ShortLevelForGrant(s, tenant, extra, reading.Capacity, out var left) is { } level)
            {
                return QuotaStep.Refuse(s, QuotaResult.Fail(QuotaFailure.QuotaExceeded,
                    $"TENANT_QUOTA_EXCEEDED at {level}: it has {ResourceVector.Max(left, ResourceVector.Zero)} left to give, the change needs {extra} more", level, "allocated"));
            }

            node = node with { Allocated = target };
        }

        if (node with { UpdatedAt = tenant.UpdatedAt } == tenant)
        {
            return QuotaStep.Refuse(s, new QuotaResult(QuotaFailure.None, $"tenant {tenantId} unchanged", Tenant: tenant));
        }

        var next = s.WithSameShape(tenant, node, s.TreeVersion + 1);
        return new QuotaStep(next, new QuotaResult(QuotaFailure.None, $"tenant {tenantId} updated", Tenant: node),
            new QuotaDecision("tenant.update", tenantId, string.Empty, by, reason, string.Empty, node.Allocated, now));
    }

    /// <summary>Moves a tenant and its subtree under another parent (empty: a root).</summary>
    public static QuotaStep MoveTenant(TenantQuotaState s, string tenantId, string newParentId, string by, ResourceVector capacity, QuotaLimits limits, DateTimeOffset now)
    {
        if (!s.Tenants.TryGetValue(tenantId, out var tenant))
        {
            return QuotaStep.Refuse(s, QuotaResult.Fail(QuotaFailure.NotFound, $"tenant '{WireText.Excerpt(tenantId, 32)}' is not known", field: "tenant_id"));
        }

        if (newParentId.Length > 0 && !s.Tenants.ContainsKey(newParentId))
        {
            return QuotaStep.Refuse(s, QuotaResult.Fail(QuotaFailure.NotFound, $"new parent '{WireText.Excerpt(newParentId, 32)}' is not known", field: "new_parent_id"));
        }

        if (newParentId.Length > 0 && TenantHierarchy.IsWithin(s.Tenants, newParentId, tenantId))
        {
            return QuotaStep.Refuse(s, QuotaResult.Fail(QuotaFailure.Invalid, $"{newParentId} is {tenantId} itself or lies below it; a tenant cannot move under its own subtree", field: "new_parent_id"));
        }

        if (tenant.ParentId == newParentId)
        {
            return QuotaStep.Refuse(s, new QuotaResult(QuotaFailure.None, $"tenant {tenantId} is already there", Tenant: tenant));
        }

        int depth = newParentId.Length == 0 ? 0 : TenantHierarchy.Depth(s.Tenants, newParentId) + 1;
        if (depth + TenantHierarchy.Height(s.Tenants, tenantId) > limits.MaxDepth)
        {
            return QuotaStep.Refuse(s, QuotaResult.Fail(QuotaFailure.LimitReached, $"the moved subtree would reach depth {depth + TenantHierarchy.Height(s.Tenants, tenantId)}; at most {limits.MaxDepth}", field: "new_parent_id"));
        }

        var moved = tenant with { ParentId = newParentId, UpdatedAt = now };
        var without = s.Tenants.SetItem(tenantId, moved with { Allocated = ResourceVector.Zero });
        if (TenantHierarchy.ShortLevelForGrant(without, moved, tenant.Allocated, capacity, out var left) is { } level)
        {
            return QuotaStep.Refuse(s, QuotaResult.Fail(QuotaFailure.QuotaExceeded,
                $"TENANT_QUOTA_EXCEEDED at {level}: it has {ResourceVector.Max(left, ResourceVector.Zero)} left to give, {tenantId} holds {tenant.Allocated}", level, "new_parent_id"));
        }

        var next = s with { Tenants = s.Tenants.SetItem(tenantId, moved), TreeVersion = s.TreeVersion + 1 };
        return new QuotaStep(next, new QuotaResult(QuotaFailure.None, $"tenant {tenantId} moved under {(newParentId.Length == 0 ? "(root)" : newParentId)}", Tenant: moved),
            new QuotaDecision("tenant.move", tenantId, string.Empty, by, $"from {(tenant.IsRoot ? "(root)" : tenant.ParentId)} to {(moved.IsRoot ? "(root)" : newParentId)}", string.Empty, moved.Allocated, now));
    }

    /// <summary>Deletes a leaf tenant without pending requests or workloads.</summary>
    public static QuotaStep DeleteTenant(TenantQuotaState s, string tenantId, bool hasWorkloads, string by, DateTimeOffset now)
    {
        if (!s.Tenants.TryGetValue(tenantId, out var tenant))
        {
            return QuotaStep.Refuse(s, QuotaResult.Fail(QuotaFailure.NotFound, $"tenant '{WireText.Excerpt(tenantId, 32)}' is not known", field: "tenant_id"));
        }

        string? why = s.Children.Of(tenantId).Length > 0 ? "it has child tenants; delete or move them first"
            : s.PendingByTenant.GetValueOrDefault(tenantId) > 0 ? "it has pending quota requests; decide or cancel them first"
            : hasWorkloads ? "the ledger holds workloads of it; remove them or register them to another tenant first"
            : null;
        if (why is not null)
        {
            return QuotaStep.Refuse(s, QuotaResult.Fail(QuotaFailure.FailedPrecondition, $"tenant {tenantId} cannot be deleted: {why}"));
        }

        var next = s with { Tenants = s.Tenants.Remove(tenantId), TreeVersion = s.TreeVersion + 1 };
        return new QuotaStep(next, new QuotaResult(QuotaFailure.None, $"tenant {tenantId} deleted", Tenant: tenant),
            new QuotaDecision("tenant.delete", tenantId, string.Empty, by, "deleted", string.Empty, ResourceVector.Zero, now));
    }

    private static QuotaResult? DecreaseProblem(TenantQuotaState s, TenantNode tenant, ResourceVector amount, QuotaReading reading)
    {
        if (!amount.FitsWithin(tenant.Allocated))
        {
            return QuotaResult.Fail(QuotaFailure.FailedPrecondition, $"tenant {tenant.TenantId} holds {tenant.Allocated}; it cannot hand back {amount}", field: "amount");
        }

        var after = tenant.Allocated - amount;
        var children = s.Children.Allocated(tenant.TenantId);
        if (!children.FitsWithin(after))
        {
            return QuotaResult.Fail(QuotaFailure.FailedPrecondition, $"its children hold {children}; after handing back {amount} it would hold less ({after})", field: "amount");
        }

        return CoversIn(after, reading.SubtreeUse, Lowered(tenant.Allocated, after))
            ? null
            : QuotaResult.Fail(QuotaFailure.FailedPrecondition, $"its subtree uses {reading.SubtreeUse}; after handing back {amount} it would hold {after}", field: "amount");
    }

    /// <summary>1 in each dimension <paramref name="after"/> is lower than <paramref name="before"/>.</summary>
    private static ResourceVector Lowered(ResourceVector before, ResourceVector after) => new(
        after.CpuMillicores < before.CpuMillicores ? 1 : 0, after.MemoryMiB < before.MemoryMiB ? 1 : 0,
        after.StorageGiB < before.StorageGiB ? 1 : 0, after.Gpu < before.Gpu ? 1 : 0);

    /// <summary>True when <paramref name="allocation"/> covers <paramref name="use"/> in every dimension marked in <paramref name="dimensions"/>.</summary>
    private static bool CoversIn(ResourceVector allocation, ResourceVector use, ResourceVector dimensions)
    {
        for (int d = 0; d < ResourceVector.Dimensions; d++)
        {
            if (dimensions[d] != 0 && use[d] > allocation[d])
            {
                return false;
            }
        }

        return true;
    }

    private static QuotaResult? Pending(TenantQuotaState s, string requestId, out QuotaRequestRecord request)
    {
        if (!s.Requests.TryGetValue(requestId, out request!))
        {
            return QuotaResult.Fail(QuotaFailure.NotFound, $"quota request '{WireText.Excerpt(requestId, 32)}' is not known", field: "request_id");
        }

        return request.IsPending ? null : new QuotaResult(QuotaFailure.FailedPrecondition, $"request {requestId} is already {request.State} (by {request.DecidedBy}); only a pending request can be decided", request);
    }

    private static QuotaRequestRecord Grant(QuotaRequestRecord request, ResourceVector grant, string by, string reason, DateTimeOffset now) => request with
    {
        State = grant == request.Amount ? QuotaRequestState.Approved : QuotaRequestState.PartiallyApproved,
        Granted = grant,
        DecidedBy = by,
        DecisionReason = reason,
        DecidedAt = now,
    };

    private static QuotaStep Close(TenantQuotaState s, string requestId, QuotaRequestState state, string kind, string by, string reason, QuotaLimits limits, DateTimeOffset now)
    {
        if (Pending(s, requestId, out var request) is { } refused)
        {
            return QuotaStep.Refuse(s, refused);
        }

        var closed = request with { State = state, DecidedBy = by, DecisionReason = reason, DecidedAt = now };
        var next = Store(s, closed, limits, tenant: null, request.Direction, ResourceVector.Zero, now);
        return new QuotaStep(next, new QuotaResult(QuotaFailure.None, $"request {requestId} {state.ToString().ToLowerInvariant()}", closed),
            new QuotaDecision(kind, request.TenantId, requestId, by, reason, string.Empty, s.Tenants.GetValueOrDefault(request.TenantId)?.Allocated ?? ResourceVector.Zero, now));
    }

    /// <summary>Stores the request (and applies a grant to the tenant's allocation), then drops the oldest decided requests beyond the retention.</summary>
    private static TenantQuotaState Store(TenantQuotaState s, QuotaRequestRecord request, QuotaLimits limits, TenantNode? tenant, QuotaDirection direction, ResourceVector grant, DateTimeOffset now)
    {
        bool known = s.Requests.TryGetValue(request.RequestId, out var before);
        int pendingDelta = (request.IsPending ? 1 : 0) - (known && before!.IsPending ? 1 : 0);
        var decided = known && !before!.IsPending ? s.Decided.Remove(RetainedRequest.Of(before)) : s.Decided;
        var next = s with
        {
            Requests = s.Requests.SetItem(request.RequestId, request),
            IdempotencyKeys = s.IdempotencyKeys.SetItem(KeyOf(request.TenantId, request.IdempotencyKey), request.RequestId),
            PendingByTenant = pendingDelta == 0 ? s.PendingByTenant : Counted(s.PendingByTenant, request.TenantId, pendingDelta),
            Decided = request.IsPending ? decided : decided.Add(RetainedRequest.Of(request)),
        };
        if (tenant is not null && !grant.IsZero)
        {
            var current = next.Tenants[tenant.TenantId];
            var allocated = direction == QuotaDirection.Increase ? ResourceSums.Checked(current.Allocated, grant) : current.Allocated - grant;
            next = next.WithSameShape(current, current with { Allocated = allocated, UpdatedAt = now }, next.TreeVersion + 1);
        }

        return next.Requests.Count > limits.RetainedRequests ? Trimmed(next, next.Requests.Count - limits.RetainedRequests) : next;
    }

    /// <summary>
    /// <paramref name="s"/> without its <paramref name="excess"/> oldest decided requests (lowest sequence, pending ones
    /// kept), taken from the front of <see cref="TenantQuotaState.Decided"/>: a request stored beyond the retention drops
    /// one, so the book never holds more than the retention plus its pending requests, and no grant pays for a scan.
    /// </summary>
    private static TenantQuotaState Trimmed(TenantQuotaState s, int excess)
    {
        var requests = s.Requests;
        var keys = s.IdempotencyKeys;
        var decided = s.Decided;
        for (int i = 0; i < excess && decided.Count > 0; i++)
        {
            var oldest = decided.Min;
            decided = decided.Remove(oldest);
            if (requests.TryGetValue(oldest.RequestId, out var r))
            {
                requests = requests.Remove(r.RequestId);
                keys = keys.Remove(KeyOf(r.TenantId, r.IdempotencyKey));
            }
        }

        return s with { Requests = requests, IdempotencyKeys = keys, Decided = decided };
    }

    private static ImmutableDictionary<string, int> Counted(ImmutableDictionary<string, int> counts, string tenantId, int delta)
    {
        int count = counts.GetValueOrDefault(tenantId) + delta;
        return count > 0 ? counts.SetItem(tenantId, count) : counts.Remove(tenantId);
    }
}
