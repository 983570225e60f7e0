using CloudGov.ControlPlane.Abstractions.Audit;
using CloudGov.ControlPlane.Abstractions.Tenants;
using CloudGov.ControlPlane.Audit;
using CloudGov.ControlPlane.Grains.Tenants;
using CloudGov.ControlPlane.Metrics;
using CloudGov.ControlPlane.Security;
using CloudGov.Proto.Tenant.V1;
using System.Runtime.CompilerServices;
using QuotaDirection = CloudGov.ControlPlane.Abstractions.Tenants.QuotaDirection;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>
/// The tenant API (<c>cloudgov.tenant.v1.QuotaService</c>), a thin adapter: validate, check the caller's scope (a
/// tenant acts within its own subtree only; operators decide and manage; auditors read), read what the decision needs
/// (one-cloud capacity from the index; the ledger's use only where a decrease must not go below it), call the quota
/// grain, map back. The acting identity always comes from the token; every decision is recorded in the audit trail
/// in the same transaction that stores it (<see cref="QuotaAudit"/>).
/// </summary>
internal sealed class QuotaApiService(IGrainFactory grains, OneCloudCapacityReader capacityReader, QuotaMetrics metrics, TimeProvider time) : QuotaService.QuotaServiceBase
{
    // GetGrain resolves the grain interface's type by reflection on every call (≈ 2 % of a call's CPU in the quota
    // benchmark's profile, for both a no-op read and a request). The service is created per call, so the reference —
    // one per grain factory, i.e. per host — is kept beside it; a grain reference is safe to share between calls.
    private static readonly ConditionalWeakTable<IGrainFactory, ITenantQuotaGrain> QuotaGrains = new();

    private ITenantQuotaGrain Quota => QuotaGrains.GetValue(grains, static factory => factory.GetGrain<ITenantQuotaGrain>(0));

    public override async Task<QuotaRequest> RequestQuota(RequestQuotaRequest request, ServerCallContext context)
    {
        QuotaRequestValidator.Validate(request);
        var caller = context.GetCaller();
        RequireChange(caller);
        await RequireScopeAsync(caller, request.TenantId);
        var direction = request.Direction.ToDomain();
        var reading = await ReadingAsync(direction == QuotaDirection.Decrease ? request.TenantId : null);
        var ask = new QuotaAsk(request.TenantId, direction, request.Amount.ToDomain(), request.Justification, request.IdempotencyKey, caller.Subject);
        var result = await QuotaAudit.DecideAsync(
            context,
            AuditAction.QuotaRequested,
            request.Justification,
            [request.TenantId],
            draft => Quota.RequestAsync(ask, reading, draft).UnavailableOnFailure("file the quota request"),
            ("direction", direction.ToString()),
            ("amount", ask.Amount.ToString()),
            ("idempotency_key", request.IdempotencyKey));
        metrics.Observe(result);
        return result.RequestOrThrow().ToProto();
    }

    public override async Task<QuotaRequest> GetQuotaRequest(GetQuotaRequestRequest request, ServerCallContext context)
    {
        QuotaRequestValidator.Validate(request);
        return (await VisibleRequestAsync(context.GetCaller(), request.RequestId)).ToProto();
    }

    public override async Task<ListQuotaRequestsResponse> ListQuotaRequests(ListQuotaRequestsRequest request, ServerCallContext context)
    {
        QuotaRequestValidator.Validate(request);
        var caller = context.GetCaller();
        string tenant = request.TenantId.Length > 0 ? request.TenantId : caller.TenantId ?? string.Empty;
        await RequireScopeAsync(caller, tenant);
        int limit = request.Limit == 0 ? QuotaRequestValidator.DefaultListLimit : request.Limit;
        var list = await Quota.ListRequestsAsync(tenant, request.PendingOnly, limit).UnavailableOnFailure("list the quota requests");
        var response = new ListQuotaRequestsResponse();
        response.Requests.AddRange(list.Select(r => r.ToProto()));
        return response;
    }

    public override async Task<QuotaRequest> CancelQuotaRequest(CancelQuotaRequestRequest request, ServerCallContext context)
    {
        QuotaRequestValidator.Validate(request);
        var caller = context.GetCaller();
        RequireChange(caller);
        await VisibleRequestAsync(caller, request.RequestId);
        var result = await QuotaAudit.DecideAsync(context, AuditAction.QuotaRequestCancelled, string.Empty, [request.RequestId], draft => Quota.CancelAsync(request.RequestId, caller.Subject, draft).UnavailableOnFailure("cancel the quota request"));
        metrics.Observe(result);
        return result.RequestOrThrow().ToProto();
    }

    public override async Task<QuotaRequest> ApproveQuotaRequest(ApproveQuotaRequestRequest request, ServerCallContext context)
    {
        QuotaRequestValidator.Validate(request);
        var caller = context.GetCaller();
        RequireOperator(caller);
        var pending = await VisibleRequestAsync(caller, request.RequestId);
        var reading = await ReadingAsync(pending.Direction == QuotaDirection.Decrease ? pending.TenantId : null);
        var granted = request.Granted is null ? (ResourceVector?)null : request.Granted.ToDomain();
        var result = await QuotaAudit.DecideAsync(
            context,
            AuditAction.QuotaApproved,
            request.Reason,
            [request.RequestId, pending.TenantId],
            draft => Quota.ApproveAsync(request.RequestId, granted, caller.Subject, request.Reason, reading, draft).UnavailableOnFailure("approve the quota request"),
            ("granted", granted?.ToString() ?? "as requested"));
        metrics.Observe(result);
        return result.RequestOrThrow().ToProto();
    }

    public override async Task<QuotaRequest> RejectQuotaRequest(RejectQuotaRequestRequest request, ServerCallContext context)
    {
        QuotaRequestValidator.Validate(request);
        var caller = context.GetCaller();
        RequireOperator(caller);
        var result = await QuotaAudit.DecideAsync(context, AuditAction.QuotaRejected, request.Reason, [request.RequestId], draft => Quota.RejectAsync(request.RequestId, caller.Subject, request.Reason, draft).UnavailableOnFailure("reject the quota request"));
        metrics.Observe(result);
        return result.RequestOrThrow().ToProto();
    }

    public override async Task<TenantQuota> GetTenantQuota(GetTenantQuotaRequest request, ServerCallContext context)
    {
        QuotaRequestValidator.Validate(request);
        var caller = context.GetCaller();
        string tenantId = request.TenantId.Length > 0 ? request.TenantId
            : caller.TenantId ?? throw FieldErrors.Invalid("tenant_id", "is required for an operator or auditor (which tenant?)");
        var tree = await ScopedTreeAsync(caller, tenantId);
        var records = await QuotaEnforcement.RecordsAsync(grains).UnavailableOnFailure("read the ledger");
        var figures = TenantQuotaFigures.All(tree, QuotaUsage.Of(records, time.GetUtcNow()));
        var f = figures.TryGetValue(tenantId, out var found) ? found : throw new RpcException(new Status(StatusCode.NotFound, $"tenant {tenantId} is not known"));
        var pending = (await Quota.ListRequestsAsync(tenantId, pendingOnly: true, 1_000).UnavailableOnFailure("list the quota requests"))
            .Where(r => r.TenantId == tenantId).ToList();
        var all = tree.Tenants.ToDictionary(t => t.TenantId, StringComparer.Ordinal);
        var response = new TenantQuota
        {
            Tenant = f.Tenant.ToProto(all),
            Allocated = f.Tenant.Allocated.ToProto(),
            Used = f.Used.ToProto(),
            Reserved = f.Reserved.ToProto(),
            AllocatedToChildren = f.AllocatedToChildren.ToProto(),
            Available = f.Available.ToProto(),
            PendingIncrease = pending.Where(r => r.Direction == QuotaDirection.Increase).Aggregate(ResourceVector.Zero, (s, r) => ResourceSums.Saturating(s, r.Amount)).ToProto(),
            OverQuota = f.OverQuota,
        };
        response.Pending.AddRange(pending.Select(r => r.ToProto()));
        response.OverQuotaDimensions.AddRange(f.OverDimensions);
        return response;
    }

    public override async Task<ListTenantsResponse> ListTenants(ListTenantsRequest request, ServerCallContext context)
    {
        QuotaRequestValidator.Validate(request);
        var caller = context.GetCaller();
        string root = request.TenantId.Length > 0 ? request.TenantId : caller.TenantId ?? string.Empty;
        var tree = await ScopedTreeAsync(caller, root);
        var all = tree.Tenants.ToDictionary(t => t.TenantId, StringComparer.Ordinal);
        var response = new ListTenantsResponse();
        response.Tenants.AddRange(TenantHierarchy.TopDown(all, root).Select(t => t.ToProto(all)));
        return response;
    }

    public override async Task<Tenant> CreateTenant(CreateTenantRequest request, ServerCallContext context)
    {
        QuotaRequestValidator.Validate(request);
        var caller = context.GetCaller();
        RequireOperator(caller);
        var reading = await ReadingAsync(null);
        var node = new TenantNode(request.TenantId, request.DisplayName, request.ParentId, request.Allocated.ToDomain(), time.GetUtcNow());
        var result = await QuotaAudit.DecideAsync(
            context,
            AuditAction.TenantCreated,
            string.Empty,
            [request.TenantId],
            draft => Quota.CreateTenantAsync(node, caller.Subject, reading.Capacity, draft).UnavailableOnFailure("create the tenant"),
            ("parent_id", request.ParentId),
            ("allocated", node.Allocated.ToString()));
        return await TenantResponseAsync(result);
    }

    public override async Task<Tenant> UpdateTenant(UpdateTenantRequest request, ServerCallContext context)
    {
        QuotaRequestValidator.Validate(request);
        var caller = context.GetCaller();
        RequireOperator(caller);
        var reading = await ReadingAsync(request.Allocated is null ? null : request.TenantId);
        var allocated = request.Allocated is null ? (ResourceVector?)null : request.Allocated.ToDomain();
        var result = await QuotaAudit.DecideAsync(
            context,
            AuditAction.TenantUpdated,
            request.Reason,
            [request.TenantId],
            draft => Quota.UpdateTenantAsync(request.TenantId, request.DisplayName, allocated, caller.Subject, request.Reason, reading, draft).UnavailableOnFailure("update the tenant"),
            ("allocated", allocated?.ToString() ?? "unchanged"));
        return await TenantResponseAsync(result);
    }

    public override async Task<Tenant> MoveTenant(MoveTenantRequest request, ServerCallContext context)
    {
        QuotaRequestValidator.Validate(request);
        var caller = context.GetCaller();
        RequireOperator(caller);
        var reading = await ReadingAsync(null);
        var result = await QuotaAudit.DecideAsync(
            context,
            AuditAction.TenantMoved,
            string.Empty,
            [request.TenantId, request.NewParentId],
            draft => Quota.MoveTenantAsync(request.TenantId, request.NewParentId, caller.Subject, reading.Capacity, draft).UnavailableOnFailure("move the tenant"));
        return await TenantResponseAsync(result);
    }

    public override async Task<DeleteTenantResponse> DeleteTenant(DeleteTenantRequest request, ServerCallContext context)
    {
        QuotaRequestValidator.Validate(request);
        var caller = context.GetCaller();
        RequireOperator(caller);
        var records = await QuotaEnforcement.RecordsAsync(grains).UnavailableOnFailure("read the ledger");
        bool hasWorkloads = records.Any(r => r.Intent.TenantId == request.TenantId);
        var result = await QuotaAudit.DecideAsync(context, AuditAction.TenantDeleted, string.Empty, [request.TenantId], draft => Quota.DeleteTenantAsync(request.TenantId, hasWorkloads, caller.Subject, draft).UnavailableOnFailure("delete the tenant"));
        metrics.Observe(result);
        return new DeleteTenantResponse { TenantId = result.TenantOrThrow().TenantId };
    }

    private async Task<Tenant> TenantResponseAsync(QuotaResult result)
    {
        metrics.Observe(result);
        var tenant = result.TenantOrThrow();
        var tree = await Quota.GetTreeAsync().UnavailableOnFailure("read the tenant hierarchy");
        var all = tree.Tenants.ToDictionary(t => t.TenantId, StringComparer.Ordinal);
        all[tenant.TenantId] = all.GetValueOrDefault(tenant.TenantId) ?? tenant;
        return tenant.ToProto(all);
    }

    /// <summary>One-cloud capacity and requests from the index; the subtree's use from the ledger when <paramref name="subtreeOf"/> is given.</summary>
    private async Task<QuotaReading> ReadingAsync(string? subtreeOf)
    {
        var (capacity, requested) = await capacityReader.ReadAsync().UnavailableOnFailure("read the one cloud's capacity");

        var use = ResourceVector.Zero;
        if (subtreeOf is not null)
        {
            var tree = await Quota.GetTreeAsync().UnavailableOnFailure("read the tenant hierarchy");
            var records = await QuotaEnforcement.RecordsAsync(grains).UnavailableOnFailure("read the ledger");
            use = QuotaEnforcement.View(tree, QuotaUsage.Of(records, time.GetUtcNow())).SubtreeUse(subtreeOf);
        }

        return new QuotaReading(capacity, requested, use);
    }

    /// <summary>The request, when the caller may see it; NOT_FOUND otherwise (a tenant never learns of another tenant's requests).</summary>
    private async Task<QuotaRequestRecord> VisibleRequestAsync(Caller caller, string requestId)
    {
        var record = await Quota.GetRequestAsync(requestId).UnavailableOnFailure("read the quota request");
        if (record is not null && (caller.Role != CallerRole.Tenant || record.TenantId == caller.TenantId))
        {
            return record;
        }

        var tree = record is null ? QuotaTree.Empty : await Quota.GetTreeAsync().UnavailableOnFailure("read the tenant hierarchy");
        if (record is null || !Sees(caller, tree, record.TenantId))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"quota request {requestId} is not known"));
        }

        return record;
    }

    /// <summary>PERMISSION_DENIED unless the caller may act on <paramref name="tenantId"/> (a tenant: itself or its subtree).</summary>
    private async Task RequireScopeAsync(Caller caller, string tenantId)
    {
        // The common case — a tenant acting on itself, or an operator or auditor — needs no look at the hierarchy.
        if (caller.Role != CallerRole.Tenant || tenantId == caller.TenantId)
        {
            return;
        }

        await ScopedTreeAsync(caller, tenantId);
    }

    /// <summary>The hierarchy, when the caller may act on <paramref name="tenantId"/>; PERMISSION_DENIED otherwise.</summary>
    private async Task<QuotaTree> ScopedTreeAsync(Caller caller, string tenantId)
    {
        var tree = await Quota.GetTreeAsync().UnavailableOnFailure("read the tenant hierarchy");
        if (!Sees(caller, tree, tenantId))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"tenant {caller.TenantId} may act only on itself and the tenants below it"));
        }

        return tree;
    }

    private static bool Sees(Caller caller, QuotaTree tree, string tenantId) =>
        caller.Role != CallerRole.Tenant || HierarchyTenantScope.Within(tree, tenantId, caller.TenantId ?? string.Empty);

    private static void RequireChange(Caller caller)
    {
        if (!caller.MayChange)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"role {caller.Role} reads only; it cannot change quota"));
        }
    }

    private static void RequireOperator(Caller caller)
    {
        if (caller.Role != CallerRole.Operator)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, "only an operator decides quota requests and manages tenants"));
        }
    }
}
