using CloudGov.ControlPlane.Grains.Ledger;
using CloudGov.Testing;

namespace CloudGov.ControlPlane.Tests.Plans;

/// <summary>Small real clouds in the plan cluster: zones that report, workloads whose intent the ledger holds.</summary>
internal static class PlanClouds
{
    /// <summary>Labels that declare a movable e-gov-extranet, level-2 intent resident anywhere in Guangxi.</summary>
    public static readonly ImmutableArray<WorkloadLabel> GuangxiIntent =
    [
        new(IntentLabels.AllowedRegions, "45"),
        new(IntentLabels.NetworkPlane, "egov-extranet"),
    ];

    /// <summary>An observed running workload carrying <paramref name="labels"/> (the Guangxi intent by default).</summary>
    public static WorkloadObservation Workload(string id, ImmutableArray<WorkloadLabel>? labels = null) =>
        new(id, "nn-rsj", "社保核心", new ResourceVector(4000, 8192, 100), new ResourceVector(2000, 4096, 60), MlpsLevel.Level2, WorkloadState.Running)
        {
            Labels = labels ?? GuangxiIntent,
        };

    /// <summary>Registers <paramref name="zoneId"/> in <paramref name="region"/> and reports <paramref name="workloads"/> (sequence <paramref name="sequence"/>).</summary>
    public static async Task ReportAsync(string zoneId, string region, ResourceVector capacity, ulong sequence = 1, params WorkloadObservation[] workloads)
    {
        var zone = PlanClusterFixture.Grains.GetGrain<IZoneGrain>(zoneId);
        if (sequence == 1)
        {
            await zone.RegisterAsync(PlanRecords.Zone(region), Guid.NewGuid());
        }

        await zone.ReportAsync(new ZoneReportData(sequence, PlanClusterFixture.Time.GetUtcNow(), capacity, new ResourceVector(10_000, 20_000, 100), [.. workloads], [], Degraded: false));
    }

    /// <summary>Waits until the ledger holds <paramref name="workloadIds"/> in <paramref name="state"/>.</summary>
    public static Task InLedgerAsync(ReconciliationState state, params string[] workloadIds) =>
        Eventually.HoldsAsync(
            async () =>
            {
                foreach (var id in workloadIds)
                {
                    if ((await LedgerShards.For(PlanClusterFixture.Grains, id).GetAsync(id))?.State != state)
                    {
                        return false;
                    }
                }

                return true;
            },
            $"the ledger to hold {string.Join(", ", workloadIds)} as {state}");

    /// <summary>A source zone with one managed workload and an empty target zone in the same city; both reported and in the ledger.</summary>
    public static async Task<(string From, string To, string WorkloadId)> TwoZonesAsync()
    {
        string from = $"pc-a-{Guid.NewGuid():N}"[..14], to = $"pc-b-{Guid.NewGuid():N}"[..14], workload = $"{from}-w";
        var capacity = new ResourceVector(64_000, 262_144, 4_000);
        await ReportAsync(from, "450102", capacity, 1, Workload(workload));
        await ReportAsync(to, "450103", capacity, 1);
        await InLedgerAsync(ReconciliationState.InSync, workload);
        var index = PlanClusterFixture.Grains.GetGrain<IOneCloudIndexGrain>(0);
        await Eventually.HoldsAsync(async () => (await index.ListAsync()).Count(z => z.ZoneId == from || z.ZoneId == to) == 2, "both zones in the one-cloud index");
        return (from, to, workload);
    }
}
