using CloudGov.ControlPlane.Abstractions.Placement;
using CloudGov.ControlPlane.Abstractions.Plans;
using CloudGov.ControlPlane.Grains.Zones;
using CloudGov.ControlPlane.Metrics;
using CloudGov.Proto.Operations.V1;
using PlanState = CloudGov.Proto.Operations.V1.PlanState;
using PlanTrigger = CloudGov.ControlPlane.Abstractions.Plans.PlanTrigger;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>
/// The one-cloud view over gRPC (reads the index for lists and totals, one zone grain for a zone's workloads), the
/// rebalance plans (the rebalancer grain proposes and lists, one plan grain per plan decides) and the placement of new
/// workloads (the placement grain).
/// </summary>
internal sealed class OperationsApiService(
    IGrainFactory grains,
    IOptions<ZoneOptions> zoneOptions,
    ControlPlaneMetrics metrics,
    TimeProvider time) : OperationsService.OperationsServiceBase
{
    private const int MaxActorLength = 128;
    private const int MaxReasonLength = 1000;

    private TimeSpan Window => zoneOptions.Value.StalenessWindow;

    public override async Task<ListZonesResponse> ListZones(ListZonesRequest request, ServerCallContext context)
    {
        if (request.HasStatus && !Enum.IsDefined(request.Status))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"status {(int)request.Status} is not a known zone status"));
        }

        if (request.RegionPrefix.Length > 6 || !request.RegionPrefix.All(char.IsAsciiDigit))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"region_prefix '{request.RegionPrefix}' must be up to six digits, e.g. 4501"));
        }

        var now = time.GetUtcNow();
        var zones = await grains.GetGrain<IOneCloudIndexGrain>(0).ListAsync().UnavailableOnFailure("list the zones");
        var response = new ListZonesResponse();
        foreach (var zone in zones)
        {
            if (!zone.Descriptor.RegionCode.StartsWith(request.RegionPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var proto = zone.ToProto(now, Window);
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
        if (!ZoneId.IsValid(request.ZoneId))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"zone_id '{request.ZoneId}' is malformed: {ZoneId.FormatDescription}"));
        }

        var detail = await grains.GetGrain<IZoneGrain>(request.ZoneId).GetAsync().UnavailableOnFailure($"read zone '{request.ZoneId}'")
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"zone '{request.ZoneId}' is not known; no agent has registered it"));
        var response = new GetZoneResponse { Zone = detail.Summary.ToProto(time.GetUtcNow(), Window) };
        response.Workloads.AddRange(detail.Workloads.OrderBy(w => w.WorkloadId, StringComparer.Ordinal).Select(w => w.ToProto()));
        return response;
    }

    public override async Task<GetOneCloudSummaryResponse> GetOneCloudSummary(GetOneCloudSummaryRequest request, ServerCallContext context)
    {
        var now = time.GetUtcNow();
        var zones = await grains.GetGrain<IOneCloudIndexGrain>(0).ListAsync().UnavailableOnFailure("sum up the one cloud");
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
        var round = await grains.GetGrain<IRebalancerGrain>(0).ProposeAsync(PlanTrigger.Manual, request.DryRun).UnavailableOnFailure("run a rebalance round");
        metrics.RecordRound(PlanTrigger.Manual, round, request.DryRun);
        var response = new ProposeRebalanceResponse { Stored = round.Stored, SkippedReason = round.SkippedReason, ComputeSeconds = round.ComputeSeconds };
        if (round.Plan is { } plan)
        {
            response.Plan = plan.ToProto();
        }

        return response;
    }

    public override async Task<ListPlansResponse> ListPlans(ListPlansRequest request, ServerCallContext context)
    {
        if (request.HasState && (!Enum.IsDefined(request.State) || request.State == PlanState.Unspecified))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"state {(int)request.State} is not a known plan state"));
        }

        var plans = await grains.GetGrain<IRebalancerGrain>(0).ListAsync().UnavailableOnFailure("list the plans");
        var response = new ListPlansResponse();
        response.Plans.AddRange(plans.Where(p => !request.HasState || p.State == request.State.ToDomain()).Select(p => p.ToProto()));
        return response;
    }

    public override async Task<GetPlanResponse> GetPlan(GetPlanRequest request, ServerCallContext context)
    {
        ValidatePlanId(request.PlanId);
        var plan = await grains.GetGrain<IRebalancePlanGrain>(request.PlanId).GetAsync().UnavailableOnFailure($"read plan '{request.PlanId}'")
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"plan '{request.PlanId}' does not exist"));
        return new GetPlanResponse { Plan = plan.ToProto() };
    }

    public override async Task<ApprovePlanResponse> ApprovePlan(ApprovePlanRequest request, ServerCallContext context)
    {
        ValidateDecision(request.PlanId, "approver", request.Approver, request.Reason);
        var result = await grains.GetGrain<IRebalancePlanGrain>(request.PlanId).ApproveAsync(request.Approver, request.Reason).UnavailableOnFailure($"approve plan '{request.PlanId}'");
        return new ApprovePlanResponse { Plan = Decided(result).ToProto() };
    }

    public override async Task<CancelPlanResponse> CancelPlan(CancelPlanRequest request, ServerCallContext context)
    {
        ValidateDecision(request.PlanId, "by", request.By, request.Reason);
        var result = await grains.GetGrain<IRebalancePlanGrain>(request.PlanId).CancelAsync(request.By, request.Reason).UnavailableOnFailure($"cancel plan '{request.PlanId}'");
        return new CancelPlanResponse { Plan = Decided(result).ToProto() };
    }

    public override async Task<PlaceWorkloadResponse> PlaceWorkload(PlaceWorkloadRequest request, ServerCallContext context)
    {
        var placement = request.ToValidatedDomain();
        var decision = await grains.GetGrain<IPlacementGrain>(0).PlaceAsync(placement, request.DryRun).UnavailableOnFailure($"place workload '{request.WorkloadId}'");
        return decision.ToResponse();
    }

    private static PlanRecord Decided(PlanCommandResult result) => result.Outcome switch
    {
        PlanCommandOutcome.Done => result.Plan!,
        PlanCommandOutcome.NotFound => throw new RpcException(new Status(StatusCode.NotFound, result.Message)),
        _ => throw new RpcException(new Status(StatusCode.FailedPrecondition, result.Message)),
    };

    private static void ValidatePlanId(string planId)
    {
        if (!PlanIds.IsValid(planId))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"plan_id '{planId}' is malformed: {PlanIds.FormatDescription}"));
        }
    }

    private static void ValidateDecision(string planId, string actorField, string actor, string reason)
    {
        ValidatePlanId(planId);
        if (string.IsNullOrWhiteSpace(actor) || actor.Length > MaxActorLength)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"{actorField} is required and at most {MaxActorLength} characters"));
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"reason is required and at most {MaxReasonLength} characters"));
        }
    }

    private static Totals Sum(IEnumerable<Abstractions.Zones.ZoneSummary> zones)
    {
        int count = 0, workloads = 0;
        ResourceVector capacity = default, usage = default, requested = default;
        foreach (var z in zones)
        {
            count++;
            workloads += z.WorkloadCount;
            capacity += z.Capacity;
            usage += z.Usage;
            requested += z.Requested;
        }

        return new Totals
        {
            ZoneCount = count,
            WorkloadCount = workloads,
            Capacity = capacity.ToProto(),
            Usage = usage.ToProto(),
            Requested = requested.ToProto(),
            Utilization = ProtoMapping.Utilization(usage, capacity),
        };
    }
}
