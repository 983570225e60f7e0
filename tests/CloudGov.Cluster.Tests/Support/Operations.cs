using CloudGov.Proto.Operations.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace CloudGov.Cluster.Tests.Support;

/// <summary>Calls to the operations gRPC API with a deadline, so a stuck call fails instead of hanging the test.</summary>
internal static class Operations
{
    public static async Task<GetZoneResponse> GetZoneAsync(GrpcChannel channel, string zoneId, TimeSpan? deadline = null) =>
        await new OperationsService.OperationsServiceClient(channel)
            .GetZoneAsync(new GetZoneRequest { ZoneId = zoneId }, deadline: DateTime.UtcNow + (deadline ?? TimeSpan.FromSeconds(5)));

    public static async Task<ListZonesResponse> ListZonesAsync(GrpcChannel channel, TimeSpan? deadline = null) =>
        await new OperationsService.OperationsServiceClient(channel)
            .ListZonesAsync(new ListZonesRequest(), deadline: DateTime.UtcNow + (deadline ?? TimeSpan.FromSeconds(5)));

    /// <summary>Every ledger record, paged through ListWorkloads.</summary>
    public static async Task<List<WorkloadRecord>> ListWorkloadsAsync(GrpcChannel channel, TimeSpan? deadline = null)
    {
        var client = new OperationsService.OperationsServiceClient(channel);
        var all = new List<WorkloadRecord>();
        var request = new ListWorkloadsRequest { PageSize = 1000 };
        do
        {
            var page = await client.ListWorkloadsAsync(request, deadline: DateTime.UtcNow + (deadline ?? TimeSpan.FromSeconds(10)));
            all.AddRange(page.Workloads);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        return all;
    }

    /// <summary>The zone as <paramref name="channel"/>'s host answers it, or null if it does not answer (yet).</summary>
    public static async Task<GetZoneResponse?> TryGetZoneAsync(GrpcChannel channel, string zoneId, TimeSpan deadline)
    {
        try
        {
            return await GetZoneAsync(channel, zoneId, deadline);
        }
        catch (RpcException)
        {
            return null;
        }
    }
}
