using CloudGov.Proto.Common.V1;
using CloudGov.Proto.Operations.V1;

namespace CloudGov.Dashboard.Views;

/// <summary>
/// The one-cloud overview's figures, computed once per load from the zones the API returned: totals, the imbalance
/// (1 − the rebalancer's balance index: the mean over dimensions of the standard deviation of requested ÷ allocatable
/// across the zones), and the zones that need a look.
/// </summary>
public sealed class OneCloudFigures
{
    private OneCloudFigures(IReadOnlyList<ZoneSummary> zones)
    {
        Zones = zones;
        Connected = zones.Count(z => z.AgentConnected);
        Workloads = zones.Sum(z => (long)z.WorkloadCount);
        CpuCapacity = zones.Sum(z => z.Capacity?.CpuMillicores ?? 0);
        CpuUsage = zones.Sum(z => z.Usage?.CpuMillicores ?? 0);
        MemoryCapacity = zones.Sum(z => z.Capacity?.MemoryMib ?? 0);
        MemoryUsage = zones.Sum(z => z.Usage?.MemoryMib ?? 0);
        Hot = [.. zones.Where(IsHot)];
        Quarantined = [.. zones.Where(z => z.Status == ZoneStatus.Quarantined)];
        Unhealthy = [.. zones.Where(z => z.Status is ZoneStatus.Unreachable or ZoneStatus.Degraded or ZoneStatus.Draining or ZoneStatus.Unknown)];
        Imbalance = ImbalanceOf(zones);
    }

    /// <summary>The zones, as listed.</summary>
    public IReadOnlyList<ZoneSummary> Zones { get; }

    /// <summary>Zones whose agent holds a stream open.</summary>
    public int Connected { get; }

    /// <summary>Workloads across the one cloud.</summary>
    public long Workloads { get; }

    /// <summary>CPU capacity (millicores).</summary>
    public long CpuCapacity { get; }

    /// <summary>CPU usage (millicores).</summary>
    public long CpuUsage { get; }

    /// <summary>Memory capacity (MiB).</summary>
    public long MemoryCapacity { get; }

    /// <summary>Memory usage (MiB).</summary>
    public long MemoryUsage { get; }

    /// <summary>Zones above their target in some dimension (requested ÷ allocatable).</summary>
    public IReadOnlyList<ZoneSummary> Hot { get; }

    /// <summary>Quarantined zones.</summary>
    public IReadOnlyList<ZoneSummary> Quarantined { get; }

    /// <summary>Zones unreachable, degraded, draining or not yet known.</summary>
    public IReadOnlyList<ZoneSummary> Unhealthy { get; }

    /// <summary>1 − balance index: 0 is perfectly even.</summary>
    public double Imbalance { get; }

    /// <summary>The figures of <paramref name="zones"/>.</summary>
    public static OneCloudFigures Of(IReadOnlyList<ZoneSummary> zones) => new(zones);

    /// <summary>The largest requested ÷ allocatable over the dimensions.</summary>
    public static double Dominant(ZoneSummary zone) =>
        zone.RequestedRatio is { } r ? Math.Max(Math.Max(r.Cpu, r.Memory), Math.Max(r.Storage, r.Gpu)) : 0;

    /// <summary>True when some dimension's requested ÷ allocatable exceeds the zone's target.</summary>
    public static bool IsHot(ZoneSummary zone) => zone.TargetUtilization > 0 && Dominant(zone) > zone.TargetUtilization + 1e-9;

    /// <summary>How long ago the agent last reported, or null if never.</summary>
    public static TimeSpan? Freshness(ZoneSummary zone) => zone.LastReportAgeSeconds < 0 ? null : TimeSpan.FromSeconds(zone.LastReportAgeSeconds);

    private static double ImbalanceOf(IReadOnlyList<ZoneSummary> zones)
    {
        double sumSd = 0;
        int dims = 0;
        for (int d = 0; d < 4; d++)
        {
            double sum = 0, sumSq = 0;
            int n = 0;
            foreach (var zone in zones)
            {
                if (Allocatable(zone, d) <= 0 || zone.RequestedRatio is null)
                {
                    continue;
                }

                double u = d switch { 0 => zone.RequestedRatio.Cpu, 1 => zone.RequestedRatio.Memory, 2 => zone.RequestedRatio.Storage, _ => zone.RequestedRatio.Gpu };
                sum += u;
                sumSq += u * u;
                n++;
            }

            if (n == 0)
            {
                continue;
            }

            double mean = sum / n;
            sumSd += Math.Sqrt(Math.Max(0, (sumSq / n) - (mean * mean)));
            dims++;
        }

        return dims == 0 ? 0 : sumSd / dims;
    }

    private static long Allocatable(ZoneSummary zone, int dimension) => zone.Allocatable is not { } a ? 0 : dimension switch
    {
        0 => a.CpuMillicores,
        1 => a.MemoryMib,
        2 => a.StorageGib,
        _ => a.Gpu,
    };
}
