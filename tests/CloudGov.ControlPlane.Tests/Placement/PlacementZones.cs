using CloudGov.ControlPlane.Abstractions.Ledger;
using CloudGov.ControlPlane.Grains.Ledger;
using CloudGov.ControlPlane.Abstractions.Placement;
using CloudGov.Testing;

namespace CloudGov.ControlPlane.Tests.Placement;

/// <summary>Zones and requests for the placement tests: each test gets a region (4-digit prefix) of its own.</summary>
internal static class PlacementZones
{
    private static int _nextRegion = 4610;

    /// <summary>A 4-digit region prefix no other test uses (46xx, outside the other fixtures' Guangxi codes).</summary>
    public static string NewRegion() => Interlocked.Increment(ref _nextRegion).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A fresh zone id; <paramref name="prefix"/> decides where it sorts among the cluster's zones.</summary>
    public static string NewZoneId(string prefix = "pl") => $"{prefix}-{Guid.NewGuid():N}"[..20];

    /// <summary>A running workload as an agent reports it.</summary>
    public static WorkloadObservation Running(string id, ResourceVector requests, MlpsLevel level = MlpsLevel.Level2) =>
        new(id, "nn-rsj", "社保核心", requests, requests, level, WorkloadState.Running);

    /// <summary>Registers (first time) and reports a zone now (fake clock) with the given workloads.</summary>
    public static async Task ReportAsync(
        string zoneId, string regionCode, ResourceVector capacity, ulong sequence = 1,
        MlpsLevel level = MlpsLevel.Level3, NetworkPlane plane = NetworkPlane.EGovExtranet, params WorkloadObservation[] workloads)
    {
        var zone = PlacementClusterFixture.Grains.GetGrain<IZoneGrain>(zoneId);
        if (sequence == 1)
        {
            await zone.RegisterAsync(new ZoneDescriptor(
                "测试云区", AdministrativeLevel.County, regionCode, "Test Vendor", ProviderKind.Simulated, level, plane, 1.0, 1.0,
                ImmutableDictionary<string, string>.Empty, "1.0.0"), Guid.NewGuid());
        }

        var usage = workloads.Aggregate(ResourceVector.Zero, (sum, w) => sum + w.Usage);
        await zone.ReportAsync(new ZoneReportData(sequence, PlacementClusterFixture.Time.GetUtcNow(), capacity, usage, [.. workloads], [], Degraded: false));
    }

    /// <summary>Waits until the one-cloud index holds every zone's first report.</summary>
    public static Task IndexedAsync(params string[] zoneIds) => IndexedAsync(1, zoneIds);

    /// <summary>
    /// Waits until the one-cloud index holds report <paramref name="sequence"/> of every zone (a zone publishes at once
    /// only on a status or workload-set change; otherwise on <c>Zones:IndexPublishInterval</c>).
    /// </summary>
    public static Task IndexedAsync(ulong sequence, params string[] zoneIds)
    {
        var index = PlacementClusterFixture.Grains.GetGrain<IOneCloudIndexGrain>(0);
        return Eventually.HoldsAsync(
            async () => (await index.ListAsync()).Count(z => zoneIds.Contains(z.ZoneId) && z.LastSequence >= sequence) == zoneIds.Length,
            $"report {sequence} of zones {string.Join(", ", zoneIds)} to reach the one-cloud index");
    }

    /// <summary>
    /// Waits until the ledger records <paramref name="workloadId"/> as observed in <paramref name="zoneId"/>: the ledger syncs
    /// off the report path, and placement judges a workload id by the ledger's record, not by the index.
    /// </summary>
    public static Task LedgerObservedAsync(string workloadId, string zoneId)
    {
        var shard = PlacementClusterFixture.Grains.GetGrain<ILedgerShardGrain>(LedgerShards.Of(workloadId));
        return Eventually.HoldsAsync(
            async () => (await shard.GetAsync(workloadId))?.Observed.Any(o => o.ZoneId == zoneId) == true,
            $"the ledger to record workload {workloadId} in zone {zoneId}");
    }

    /// <summary>A valid request for a level-3 e-gov-extranet workload resident in <paramref name="region"/>.</summary>
    public static WorkloadSpec Request(string workloadId, string region, ResourceVector? requests = null, MlpsLevel level = MlpsLevel.Level3) => new(
        workloadId, "nn-dsj", "一网通办", Requests: requests ?? new ResourceVector(4000, 8192, 100), MlpsLevel: level, NetworkPlane: NetworkPlane.EGovExtranet, AllowedRegions: [region]);

    /// <summary>The cluster's placement grain.</summary>
    public static IPlacementGrain Placer => PlacementClusterFixture.Grains.GetGrain<IPlacementGrain>(0);

    /// <summary>A zone's grain.</summary>
    public static IZoneGrain Zone(string zoneId) => PlacementClusterFixture.Grains.GetGrain<IZoneGrain>(zoneId);
}
