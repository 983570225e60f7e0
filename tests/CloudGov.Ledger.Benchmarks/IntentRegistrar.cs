using CloudGov.Proto.Operations.V1;
using Grpc.Net.Client;
using Common = CloudGov.Proto.Common.V1;

namespace CloudGov.Ledger.Benchmarks;

/// <summary>
/// Registers, through the operations API's SetWorkloadIntent, the intent the workloads' cloudgov.io/ labels declare:
/// the way round when the ledger adopted them unmanaged because the labels did not reach it. Workloads with the same
/// declared intent go in one call (by workload_ids, at most 10,000 each). The free-form labels are not set: a
/// patch carries one label set, so that would take one call per distinct label set.
/// </summary>
internal static class IntentRegistrar
{
    private const int MaxIds = 10_000;

    /// <summary>Registers every workload; returns the calls made and the records changed.</summary>
    public static async Task<(int Calls, int Changed)> RegisterAsync(GrpcChannel channel, CloudInstance cloud)
    {
        var client = new OperationsService.OperationsServiceClient(channel);
        var groups = new Dictionary<string, (IntentPatch Patch, List<string> Ids)>(StringComparer.Ordinal);
        for (int zone = 0; zone < cloud.Zones; zone++)
        {
            for (int w = 0; w < cloud.WorkloadsPerZone; w++)
            {
                var labels = CloudInstance.Labels(zone, w).ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
                string key = string.Join('|', labels.Where(l => l.Key.StartsWith("cloudgov.io/", StringComparison.Ordinal)).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
                if (!groups.TryGetValue(key, out var group))
                {
                    groups[key] = group = (Patch(labels), []);
                }

                group.Ids.Add(CloudInstance.WorkloadId(zone, w));
            }
        }

        var requests = groups.Values.SelectMany(g => g.Ids.Chunk(MaxIds).Select(ids => new SetWorkloadIntentRequest
        {
            Selector = new WorkloadSelector { WorkloadIds = { ids } },
            Patch = g.Patch,
            Reason = "intent declared by the workload's cloudgov.io/ labels",
        })).ToList();
        int changed = 0;
        using var gate = new SemaphoreSlim(4);
        await Task.WhenAll(requests.Select(async request =>
        {
            await gate.WaitAsync();
            try
            {
                var response = await client.SetWorkloadIntentAsync(request);
                Interlocked.Add(ref changed, response.Changed);
            }
            finally
            {
                gate.Release();
            }
        }));
        return (requests.Count, changed);
    }

    private static IntentPatch Patch(Dictionary<string, string> labels)
    {
        var patch = new IntentPatch
        {
            AllowedRegions = new RegionList { Codes = { labels["cloudgov.io/allowed-regions"].Split(',') } },
            NetworkPlane = labels["cloudgov.io/network-plane"] == "internet" ? Common.NetworkPlane.Internet : Common.NetworkPlane.EgovExtranet,
        };
        if (labels.TryGetValue("cloudgov.io/mlps-level", out var level))
        {
            patch.MlpsLevel = (Common.MlpsLevel)int.Parse(level, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (labels.TryGetValue("cloudgov.io/anti-affinity", out var group))
        {
            patch.AntiAffinityGroup = group;
        }

        if (labels.TryGetValue("cloudgov.io/pinned", out var pinned))
        {
            patch.Pinned = pinned == "true";
        }

        return patch;
    }
}
