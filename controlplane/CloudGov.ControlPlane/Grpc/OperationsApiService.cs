using CloudGov.ControlPlane.Grains.Zones;
using CloudGov.Proto.Operations.V1;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>The one-cloud view over gRPC: reads the index for lists and totals, one zone grain for a zone's workloads.</summary>
internal sealed class OperationsApiService(
    IGrainFactory grains,
    IOptions<ZoneOptions> zoneOptions,
    TimeProvider time) : OperationsService.OperationsServiceBase
{
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
