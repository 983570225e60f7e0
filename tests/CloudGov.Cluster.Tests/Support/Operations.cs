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
