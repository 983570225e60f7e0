using CloudGov.Baselines.Evaluation;
using CloudGov.ControlPlane.Abstractions.Audit;
using CloudGov.ControlPlane.Abstractions.Baselines;
using CloudGov.ControlPlane.Abstractions.Ledger;
using CloudGov.ControlPlane.Abstractions.Tenants;
using CloudGov.ControlPlane.Audit;
using CloudGov.ControlPlane.Grains.Ledger;
using CloudGov.ControlPlane.Grains.Plans;
using CloudGov.ControlPlane.Grains.Tenants;
using CloudGov.ControlPlane.Security;
using CloudGov.Proto.Baseline.V1;
using DomainWaiverState = CloudGov.ControlPlane.Abstractions.Baselines.WaiverState;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>
/// The baseline API (<c>cloudgov.baseline.v1.BaselineService</c>), a thin adapter: validate (<see cref="BaselineRequestValidator"/>),
/// narrow a tenant caller to its subtree's workloads, call the baseline grain, map back. Waiver decisions are recorded in
/// the audit trail before they are made (<see cref="BaselineWaiverAudit"/>).
/// </summary>
internal sealed class BaselineApiService(
    IGrainFactory grains,
    BaselineEvaluator evaluator,
    BaselineRequestValidator validator,
    BaselineWaiverAudit audit,
    ITenantScope tenants,
    TimeProvider time) : BaselineService.BaselineServiceBase
{
    private IBaselineGrain Baseline => grains.GetGrain<IBaselineGrain>(0);

    public override Task<ListRulesResponse> ListRules(ListRulesRequest request, ServerCallContext context)
    {
        validator.Validate(request);
        var response = new ListRulesResponse();
        response.Rules.AddRange(evaluator.Pack.Rules
            .Select(r => r.Descriptor)
            .Where(d => (request.Source == RuleSource.Unspecified || (int)d.Source == (int)request.Source)
                && (request.MlpsLevel == Proto.Common.V1.MlpsLevel.Unspecified || d.Levels.Contains((MlpsLevel)(int)request.MlpsLevel))
                && (request.Mode == RuleMode.Unspecified || (int)d.Mode == (int)request.Mode))
            .Select(d => d.ToProto()));
        return Task.FromResult(response);
    }

    public override async Task<ListFindingsResponse> ListFindings(ListFindingsRequest request, ServerCallContext context)
    {
        validator.Validate(request);
        var subtree = await SubtreeAsync(context, request.TenantId);
        int size = request.PageSize == 0 ? BaselineRequestValidator.DefaultPage : request.PageSize;
        bool? open = request.State switch { FindingState.Open => true, FindingState.Resolved => false, _ => null };
        var query = new FindingQuery(request.ZoneId, request.WorkloadId, subtree, request.RuleId, (int)request.MinSeverity, open, request.PageToken, size + 1);
        var page = await Baseline.ListFindingsAsync(query).UnavailableOnFailure("list the findings");
        var response = new ListFindingsResponse();
        response.Findings.AddRange(page.Take(size).Select(f => f.ToProto()));
        response.NextPageToken = page.Length > size ? page[size - 1].Finding.FindingId : "";
        return response;
    }

    public override async Task<Finding> GetFinding(GetFindingRequest request, ServerCallContext context)
    {
        validator.Validate(request);
        var caller = context.GetCaller();
        var view = await Baseline.GetFindingAsync(request.FindingId).UnavailableOnFailure("read the finding");
        if (view is null || (caller.Role == CallerRole.Tenant
            && (view.Finding.WorkloadId.Length == 0 || !await tenants.MayReachAsync(caller, view.Finding.TenantId, context.CancellationToken))))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"finding {request.FindingId} is not known"));
        }

        return view.ToProto();
    }

    public override async Task<Waiver> RequestWaiver(RequestWaiverRequest request, ServerCallContext context)
    {
        validator.Validate(request);
        var caller = context.GetCaller();
        string tenantId = "";
        if (request.WorkloadId.Length > 0)
        {
            var record = await grains.GetGrain<ILedgerShardGrain>(LedgerShards.Of(request.WorkloadId)).GetAsync(request.WorkloadId).UnavailableOnFailure("read the ledger");
            if (record is null || !await tenants.MayReachAsync(caller, record.Intent.TenantId, context.CancellationToken))
            {
                throw new RpcException(new Status(StatusCode.NotFound, $"workload {request.WorkloadId} is not in the ledger"));
            }

            tenantId = record.Intent.TenantId;
        }
        else
        {
            if (caller.Role == CallerRole.Tenant)
            {
                throw new RpcException(new Status(StatusCode.PermissionDenied, "zone_id: a tenant waives rules for its own workloads only (give workload_id); zones are the operators'"));
            }

            if (await grains.GetGrain<IZoneGrain>(request.ZoneId).GetSummaryAsync().UnavailableOnFailure("read the zone") is null)
            {
                throw new RpcException(new Status(StatusCode.NotFound, $"zone {request.ZoneId} is not known"));
            }
        }

        var ask = new WaiverAsk(request.RuleId, request.ZoneId, request.WorkloadId, tenantId, request.Reason, request.ExpiresAt.ToDateTimeOffset(), request.IdempotencyKey, caller.Subject);
        var result = await audit.DecideAsync(
            context,
            AuditAction.WaiverRequested,
            request.Reason,
            [request.RuleId, request.ZoneId.Length > 0 ? request.ZoneId : request.WorkloadId],
            () => Baseline.RequestWaiverAsync(ask).UnavailableOnFailure("file the waiver request"),
            ("rule_id", request.RuleId),
            ("expires_at", ask.ExpiresAt.ToString("O")),
            ("idempotency_key", request.IdempotencyKey));
        return Answer(result);
    }

    public override async Task<Waiver> ApproveWaiver(ApproveWaiverRequest request, ServerCallContext context)
    {
        validator.Validate(request);
        var caller = context.GetCaller();
        var result = await audit.DecideAsync(context, AuditAction.WaiverApproved, request.Reason, [request.WaiverId], () => Baseline.ApproveWaiverAsync(request.WaiverId, caller.Subject, request.Reason).UnavailableOnFailure("approve the waiver"));
        return Answer(result);
    }

    public override async Task<Waiver> RevokeWaiver(RevokeWaiverRequest request, ServerCallContext context)
    {
        validator.Validate(request);
        var caller = context.GetCaller();
        var result = await audit.DecideAsync(context, AuditAction.WaiverRevoked, request.Reason, [request.WaiverId], () => Baseline.RevokeWaiverAsync(request.WaiverId, caller.Subject, request.Reason).UnavailableOnFailure("revoke the waiver"));
        return Answer(result);
    }

    public override async Task<ListWaiversResponse> ListWaivers(ListWaiversRequest request, ServerCallContext context)
    {
        validator.Validate(request);
        var subtree = await SubtreeAsync(context, request.TenantId);
        int size = request.PageSize == 0 ? BaselineRequestValidator.DefaultPage : request.PageSize;
        var query = new WaiverQuery(request.RuleId, request.ZoneId, request.WorkloadId, subtree, (DomainWaiverState)(int)request.State, request.PageToken, size + 1);
        var page = await Baseline.ListWaiversAsync(query).UnavailableOnFailure("list the waivers");
        var now = time.GetUtcNow();
        var response = new ListWaiversResponse();
        response.Waivers.AddRange(page.Take(size).Select(w => w.ToProto(now)));
        response.NextPageToken = page.Length > size ? page[size - 1].WaiverId : "";
        return response;
    }

    public override async Task<GetComplianceScoresResponse> GetComplianceScores(GetComplianceScoresRequest request, ServerCallContext context)
    {
        validator.Validate(request);
        var caller = context.GetCaller();
        var subtree = await SubtreeAsync(context, request.TenantId);
        var now = time.GetUtcNow();
        var levels = request.MlpsLevel == Proto.Common.V1.MlpsLevel.Unspecified ? [1, 2, 3, 4] : new[] { (int)request.MlpsLevel };
        var response = new GetComplianceScoresResponse();
        if (caller.Role != CallerRole.Tenant)
        {
            var summaries = await grains.GetGrain<IOneCloudIndexGrain>(0).ListAsync().UnavailableOnFailure("read the one-cloud index");
            var verdicts = await Baseline.GetZoneBaselinesAsync().UnavailableOnFailure("read the zones' verdicts");
            var scored = BaselineScores.Zones(summaries.Where(z => request.ZoneId.Length == 0 || z.ZoneId == request.ZoneId), verdicts, levels, now);
            response.Zones.AddRange(scored);
            response.Levels.AddRange(BaselineScores.Levels(scored, levels));
        }

        var records = await QuotaEnforcement.RecordsAsync(grains).UnavailableOnFailure("read the ledger");
        var open = await Baseline.ListFindingsAsync(new FindingQuery("", "", subtree, "", 0, true, "", int.MaxValue)).UnavailableOnFailure("list the findings");
        response.Tenants.AddRange(BaselineScores.Tenants(records, open, subtree));
        return response;
    }

    /// <summary>The waiver, or the failure as its status (NOT_FOUND, FAILED_PRECONDITION).</summary>
    private Waiver Answer(WaiverResult result) => result.Succeeded
        ? result.Waiver!.ToProto(time.GetUtcNow())
        : throw new RpcException(new Status(result.Failure == WaiverResult.NotFound ? StatusCode.NotFound : StatusCode.FailedPrecondition, result.Message));

    /// <summary>
    /// The tenants whose workloads a caller's list covers: a tenant caller its own subtree (or the named tenant's, within it;
    /// PERMISSION_DENIED otherwise); an operator or auditor everything, or the named tenant's subtree.
    /// </summary>
    private async Task<ImmutableArray<string>> SubtreeAsync(ServerCallContext context, string requested)
    {
        var caller = context.GetCaller();
        string root = await tenants.NarrowAsync(caller, requested, "tenant_id", context.CancellationToken);
        if (root.Length == 0)
        {
            return default;
        }

        var tree = await grains.GetGrain<ITenantQuotaGrain>(0).GetTreeAsync().UnavailableOnFailure("read the tenant hierarchy");
        var all = tree.Tenants.ToDictionary(t => t.TenantId, StringComparer.Ordinal);
        var ids = TenantHierarchy.TopDown(all, root).Select(t => t.TenantId).ToList();
        return ids.Count == 0 ? [root] : [.. ids];
    }
}
