using CloudGov.ControlPlane.Abstractions.Placement;
using CloudGov.ControlPlane.Audit;
using CloudGov.ControlPlane.Abstractions.Ledger;
using CloudGov.ControlPlane.Abstractions.Plans;
using CloudGov.ControlPlane.Grains.Ledger;
using CloudGov.ControlPlane.Grains.Placement;
using CloudGov.ControlPlane.Grains.Plans;
using CloudGov.ControlPlane.Grains.Zones;
using CloudGov.ControlPlane.Security;
using CloudGov.Proto.Operations.V1;
using LedgerGrouping = CloudGov.Proto.Operations.V1.LedgerGrouping;
using LedgerState = CloudGov.Proto.Operations.V1.LedgerState;
using PlanState = CloudGov.Proto.Operations.V1.PlanState;
using WorkloadSelector = CloudGov.ControlPlane.Abstractions.Ledger.WorkloadSelector;
using IntentPatch = CloudGov.ControlPlane.Abstractions.Ledger.IntentPatch;
using PlanTrigger = CloudGov.ControlPlane.Abstractions.Plans.PlanTrigger;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>
/// The one-cloud view over gRPC (reads the index for lists and totals, one zone grain for a zone's workloads), the
/// rebalance plans (the rebalancer grain proposes and lists, one plan grain per plan decides) and the placement of new
/// workloads (the placement grain). Who may call what is <see cref="RpcAccessRules"/>; the tenant-scoped RPCs narrow a
/// tenant caller to its subtree here (<see cref="TenantAccess"/>), and decisions are recorded under the caller's subject.
/// </summary>
internal sealed class OperationsApiService(
    IGrainFactory grains,
    IOptions<ZoneOptions> zoneOptions,
    IOptions<PlanPolicyOptions> planOptions,
    LedgerCounts ledgerCounts,
    OperationsAudit audit,
    ITenantScope tenants,
    TimeProvider time,
    ZoneListReplica zoneList,
    PlanStreams.PlanWatchStreamer planWatch) : OperationsService.OperationsServiceBase
{
    private TimeSpan Window => zoneOptions.Value.StalenessWindow;

    private Task<ImmutableArray<CloudGov.ControlPlane.Abstractions.Zones.ZoneSummary>> ZonesAsync(ServerCallContext context) => zoneOptions.Value.ListFromHostCopy
        ? zoneList.GetAsync(context.CancellationToken)
        : grains.GetGrain<IOneCloudIndexGrain>(0).ListAsync();

    public override async Task<ListZonesResponse> ListZones(ListZonesRequest request, ServerCallContext context)
    {
        OperationsRequestValidator.Validate(request);
        var now = time.GetUtcNow();
        // This host's copy of the index (pushed to it each tick): answered without entering Orleans, so a burst of zone
        // activations queued on the silo never holds up the list.
        var zones = await ZonesAsync(context).UnavailableOnFailure("list the zones");
        var counts = await ledgerCounts.GetAsync(context.CancellationToken).UnavailableOnFailure("count the ledger's records");
        var response = new ListZonesResponse();
        foreach (var zone in zones)
        {
            if (!zone.Descriptor.RegionCode.StartsWith(request.RegionPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var proto = zone.ToProto(now, Window).WithScheduling(zone, now, Window, planOptions.Value.DefaultTargetUtilization, counts.GetValueOrDefault(zone.ZoneId));
            if (request.HasStatus && proto.Status != request.Status)
            {
                continue;
            }

            response.Zones.Add(proto);
        }

        return response;
    }

    public override async Task<GetZoneResponse> GetZone(GetZoneRequest request, ServerCallContext context)
    {
        OperationsRequestValidator.Validate(request);
        var detail = await grains.GetGrain<IZoneGrain>(request.ZoneId).GetAsync().UnavailableOnFailure($"read zone '{request.ZoneId}'")
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"zone '{request.ZoneId}' is not known; no agent has registered it"));
        var now = time.GetUtcNow();
        var counts = await ledgerCounts.GetAsync(context.CancellationToken).UnavailableOnFailure("count the ledger's records");
        var response = new GetZoneResponse
        {
            Zone = detail.Summary.ToProto(now, Window).WithScheduling(detail.Summary, now, Window, planOptions.Value.DefaultTargetUtilization, counts.GetValueOrDefault(request.ZoneId)),
        };
        response.Workloads.AddRange(detail.Workloads.OrderBy(w => w.WorkloadId, StringComparer.Ordinal).Select(w => w.ToProto()));
        return response;
    }

    public override async Task<GetZoneHistoryResponse> GetZoneHistory(GetZoneHistoryRequest request, ServerCallContext context)
    {
        OperationsRequestValidator.Validate(request);
        var summary = await grains.GetGrain<IZoneGrain>(request.ZoneId).GetSummaryAsync().UnavailableOnFailure($"read zone '{request.ZoneId}'")
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"zone '{request.ZoneId}' is not known; no agent has registered it"));
        var now = time.GetUtcNow();
        int minutes = request.Minutes == 0 ? (int)ZoneHistory.Retention.TotalMinutes : request.Minutes;
        var since = ZoneHistory.Minute(now).AddMinutes(-minutes + 1);
        var segments = await Task.WhenAll(Enumerable.Range(0, ZoneHistory.Segments)
            .Select(hour => grains.GetGrain<IZoneHistoryGrain>(ZoneHistory.SegmentKey(request.ZoneId, hour)).ReadAsync(since)))
            .UnavailableOnFailure($"read zone '{request.ZoneId}''s history");
        double target = planOptions.Value.DefaultTargetUtilization;
        var response = new GetZoneHistoryResponse
        {
            TargetUtilization = CloudGov.ControlPlane.Grains.Plans.SnapshotMapper.ToZone(summary, now, Window, target).TargetUtilization,
        };
        foreach (var sample in segments.SelectMany(s => s).OrderBy(s => s.At))
        {
            var then = summary with { Capacity = sample.Capacity, Usage = sample.Usage, Requested = sample.Requested };
            var allocatable = CloudGov.ControlPlane.Grains.Plans.SnapshotMapper.ToZone(then, now, Window, target).Allocatable;
            response.Samples.Add(new CloudGov.Proto.Operations.V1.ZoneUsageSample
            {
                At = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(sample.At),
                Capacity = sample.Capacity.ToProto(),
                Usage = sample.Usage.ToProto(),
                Requested = sample.Requested.ToProto(),
                Utilization = ProtoMapping.Utilization(sample.Usage, sample.Capacity),
                RequestedRatio = ProtoMapping.Utilization(sample.Requested, allocatable),
                Status = sample.Status.ToProto(),
            });
        }

        return response;
    }

    public override async Task<GetOneCloudSummaryResponse> GetOneCloudSummary(GetOneCloudSummaryRequest request, ServerCallContext context)
    {
        var now = time.GetUtcNow();
        var zones = await ZonesAsync(context).UnavailableOnFailure("sum up the one cloud");
        var response = new GetOneCloudSummaryResponse { Total = Sum(zones) };
        response.ByAdministrativeLevel.AddRange(zones
            .GroupBy(z => z.Descriptor.AdministrativeLevel)
            .OrderBy(g => g.Key)
            .Select(g => new GroupTotals { Key = g.Key.ToString(), Totals = Sum(g) }));
        response.ByRegion.AddRange(zones
            .GroupBy(z => z.Descriptor.RegionCode, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new GroupTotals { Key = g.Key, Totals = Sum(g) }));
        foreach (var group in zones.GroupBy(z => z.EffectiveStatus(now, Window)))
        {
            response.ZonesByStatus[group.Key.ToString()] = group.Count();
        }

        return response;
    }

    public override async Task<ProposeRebalanceResponse> ProposeRebalance(ProposeRebalanceRequest request, ServerCallContext context)
    {
        var round = await audit.ProposeAsync(context, () => grains.GetGrain<IRebalancerGrain>(0).ProposeAsync(PlanTrigger.Manual, request.DryRun)).UnavailableOnFailure("run a rebalance round");
        var response = new ProposeRebalanceResponse { Stored = round.Stored, SkippedReason = round.SkippedReason, ComputeSeconds = round.ComputeSeconds };
        if (round.Plan is { } plan)
        {
            response.Plan = plan.ToProto();
        }

        return response;
    }

    public override async Task<ListPlansResponse> ListPlans(ListPlansRequest request, ServerCallContext context)
    {
        OperationsRequestValidator.Validate(request);
        var plans = await grains.GetGrain<IRebalancerGrain>(0).ListAsync().UnavailableOnFailure("list the plans");
        var response = new ListPlansResponse();
        response.Plans.AddRange(plans.Where(p => !request.HasState || p.State == request.State.ToDomain()).Select(p => p.ToProto()));
        return response;
    }

    public override async Task<GetPlanResponse> GetPlan(GetPlanRequest request, ServerCallContext context)
    {
        OperationsRequestValidator.Validate(request);
        var plan = await grains.GetGrain<IRebalancePlanGrain>(request.PlanId).GetAsync().UnavailableOnFailure($"read plan '{request.PlanId}'")
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"plan '{request.PlanId}' does not exist"));
        return new GetPlanResponse { Plan = plan.ToProto() };
    }

    public override async Task<ApprovePlanResponse> ApprovePlan(ApprovePlanRequest request, ServerCallContext context)
    {
        OperationsRequestValidator.Validate(request);
        var result = await audit.ApproveAsync(context, request.PlanId, request.Reason, by => grains.GetGrain<IRebalancePlanGrain>(request.PlanId).ApproveAsync(by, request.Reason)).UnavailableOnFailure($"approve plan '{request.PlanId}'");
        return new ApprovePlanResponse { Plan = Decided(result).ToProto() };
    }

    public override async Task<CancelPlanResponse> CancelPlan(CancelPlanRequest request, ServerCallContext context)
    {
        OperationsRequestValidator.Validate(request);
        var result = await audit.CancelAsync(context, request.PlanId, request.Reason, by => grains.GetGrain<IRebalancePlanGrain>(request.PlanId).CancelAsync(by, request.Reason)).UnavailableOnFailure($"cancel plan '{request.PlanId}'");
        return new CancelPlanResponse { Plan = Decided(result).ToProto() };
    }

    public override async Task<PlaceWorkloadResponse> PlaceWorkload(PlaceWorkloadRequest request, ServerCallContext context)
    {
        var placement = OperationsRequestValidator.Validate(request);
        await tenants.EnsureWithinAsync(context.GetCaller(), placement.TenantId, "tenant_id", context.CancellationToken);
        var decision = await audit.PlaceAsync(context, placement, request.DryRun, () => grains.GetGrain<IPlacementGrain>(0).PlaceAsync(placement, request.DryRun)).UnavailableOnFailure($"place workload '{request.WorkloadId}'");
        return decision.ToResponse();
    }

    public override async Task<GetWorkloadResponse> GetWorkload(GetWorkloadRequest request, ServerCallContext context)
    {
        OperationsRequestValidator.Validate(request);
        var record = await LedgerShards.For(grains, request.WorkloadId).GetAsync(request.WorkloadId).UnavailableOnFailure($"read workload '{request.WorkloadId}'")
            ?? throw NoRecord(request.WorkloadId);

        // Another tenant's workload reads exactly like one that does not exist: its existence is not disclosed.
        if (!await tenants.MayReachAsync(context.GetCaller(), record.Intent.TenantId, context.CancellationToken))
        {
            throw NoRecord(request.WorkloadId);
        }

        return new GetWorkloadResponse { Workload = record.ToProto() };
    }

    public override async Task<ListWorkloadsResponse> ListWorkloads(ListWorkloadsRequest request, ServerCallContext context)
    {
        OperationsRequestValidator.Validate(request);
        var caller = context.GetCaller();
        var tenantId = await tenants.NarrowAsync(caller, request.TenantId, "tenant_id", context.CancellationToken);

        // A tenant naming no tenant sees its whole subtree (its own workloads and those of every tenant below it).
        var subtree = caller.Role == CallerRole.Tenant && request.TenantId.Length == 0
            ? await tenants.SubtreeAsync(caller.TenantId!, context.CancellationToken)
            : [];
        var query = new WorkloadQuery(subtree.IsEmpty ? tenantId : string.Empty, request.System, request.Project, request.ZoneId,
            request.HasState ? (ReconciliationState)(int)request.State : null);
        if (!subtree.IsEmpty)
        {
            query = query.ForTenants(subtree);
        }

        int size = request.PageSize == 0 ? OperationsRequestValidator.DefaultPageSize : request.PageSize;
        var (page, next) = await LedgerQueries.ListAsync(grains, query, request.PageToken, size).UnavailableOnFailure("list the ledger");
        var response = new ListWorkloadsResponse { NextPageToken = next ?? string.Empty };
        foreach (var record in page)
        {
            if (await tenants.MayReachAsync(caller, record.Intent.TenantId, context.CancellationToken))
            {
                response.Workloads.Add(record.ToProto());
            }
        }

        return response;
    }

    public override async Task<SetWorkloadIntentResponse> SetWorkloadIntent(SetWorkloadIntentRequest request, ServerCallContext context)
    {
        var selector = request.Selector.ToDomain();
        var patch = request.Patch.ToDomain();
        OperationsRequestValidator.Validate(request, selector, patch);
        var caller = context.GetCaller();
        if (caller.Role == CallerRole.Tenant)
        {
            // A tenant's selector always carries a tenant of its subtree, so it matches nothing else and registers no new
            // ids: the one it names, or (none named) its whole subtree, like ListWorkloads. A new owner must be within it too.
            selector = selector.TenantId.Length == 0
                ? selector with { TenantIds = await tenants.SubtreeAsync(caller.TenantId!, context.CancellationToken) }
                : selector with { TenantId = await tenants.NarrowAsync(caller, selector.TenantId, "selector.tenant_id", context.CancellationToken) };
            if (patch.TenantId is { } newOwner)
            {
                await tenants.EnsureWithinAsync(caller, newOwner, "patch.tenant_id", context.CancellationToken);
            }
        }

        var outcome = await audit.ChangeIntentAsync(context, selector, patch, request.Reason, request.DryRun, by => LedgerQueries.ChangeIntentAsync(grains, new IntentChangeRequest(selector, patch, by, request.Reason), request.DryRun, time.GetUtcNow()))
            .UnavailableOnFailure("change the ledger's intent");
        if (outcome.Problems.FirstOrDefault(p => p.StartsWith(Grains.Tenants.QuotaEnforcement.Code, StringComparison.Ordinal)) is { } quota)
        {
            throw QuotaErrors.QuotaExceeded(string.Join("; ", outcome.Problems.Take(5)), QuotaErrors.LevelOf(quota));
        }

        if (!outcome.Problems.IsEmpty)
        {
            throw FieldErrors.Invalid([.. outcome.Problems.Take(20).Select(p => new FieldProblem(p.Contains("patch.tenant_id", StringComparison.Ordinal) ? "patch" : "patch.allowed_regions", p))]);
        }

        return outcome.ToProto(request.DryRun);
    }

    public override async Task<GetLedgerViewResponse> GetLedgerView(GetLedgerViewRequest request, ServerCallContext context)
    {
        OperationsRequestValidator.Validate(request);
        var caller = context.GetCaller();
        var tenantId = await tenants.NarrowAsync(caller, request.TenantId, "tenant_id", context.CancellationToken);
        var grouping = (Abstractions.Ledger.LedgerGrouping)(int)request.GroupBy;

        // A tenant naming no tenant sees its whole subtree, like ListWorkloads.
        var groups = caller.Role == CallerRole.Tenant && request.TenantId.Length == 0
            ? await LedgerQueries.ViewAsync(grains, grouping, await tenants.SubtreeAsync(caller.TenantId!, context.CancellationToken)).UnavailableOnFailure("read the ledger's view")
            : await LedgerQueries.ViewAsync(grains, grouping, tenantId).UnavailableOnFailure("read the ledger's view");
        var response = new GetLedgerViewResponse();
        response.Groups.AddRange(groups.Select(g => g.ToProto()));
        return response;
    }

    /// <summary>Follows one plan, pushed on every stored change (<see cref="PlanStreams.PlanWatchStreamer"/>).</summary>
    public override Task WatchPlan(WatchPlanRequest request, IServerStreamWriter<WatchPlanEvent> responseStream, ServerCallContext context) =>
        planWatch.WatchAsync(request, responseStream, context);

    private static RpcException NoRecord(string workloadId) =>
        new(new Status(StatusCode.NotFound, $"workload '{workloadId}' has no ledger record: no zone reported it and nobody placed or registered it"));

    private static PlanRecord Decided(PlanCommandResult result) => result.Outcome switch
    {
        PlanCommandOutcome.Done => result.Plan!,
        PlanCommandOutcome.NotFound => throw new RpcException(new Status(StatusCode.NotFound, result.Message)),
        _ => throw new RpcException(new Status(StatusCode.FailedPrecondition, result.Message)),
    };

    private static Totals Sum(IEnumerable<Abstractions.Zones.ZoneSummary> zones)
    {
        // Each zone's figures are bounded (WireLimits), so these sums cannot overflow for any realistic cloud; they
        // saturate rather than wrap should they ever get there.
        int count = 0;
        long workloads = 0;
        ResourceVector capacity = default, usage = default, requested = default;
        foreach (var z in zones)
        {
            count++;
            workloads += z.WorkloadCount;
            capacity = ResourceSums.Saturating(capacity, z.Capacity);
            usage = ResourceSums.Saturating(usage, z.Usage);
            requested = ResourceSums.Saturating(requested, z.Requested);
        }

        return new Totals
        {
            ZoneCount = count,
            WorkloadCount = (int)Math.Min(workloads, int.MaxValue),
            Capacity = capacity.ToProto(),
            Usage = usage.ToProto(),
            Requested = requested.ToProto(),
            Utilization = ProtoMapping.Utilization(usage, capacity),
        };
    }
}
