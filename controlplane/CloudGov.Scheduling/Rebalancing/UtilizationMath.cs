using CloudGov.Domain;
using CloudGov.Scheduling.Model;

namespace CloudGov.Scheduling.Rebalancing;

/// <summary>Shared arithmetic: target limits, hotness and the balance index.</summary>
public static class UtilizationMath
{
    /// <summary>Tolerance for comparing fractions.</summary>
    public const double Epsilon = 1e-9;

    /// <summary>
    /// The most a zone may hold in each dimension and stay at or under its target utilization:
    /// <c>floor(allocatable × target)</c>. A zone is hot when its load exceeds this in any dimension.
    /// </summary>
    public static ResourceVector TargetLimit(ZoneSnapshot zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return zone.Allocatable.Scale(zone.TargetUtilization);
    }

    /// <summary>True when the load exceeds the zone's target limit in any dimension.</summary>
    public static bool IsHot(ZoneSnapshot zone, ResourceVector load) => !load.FitsWithin(TargetLimit(zone));

    /// <summary>
    /// The balance index of a set of zones: 1 − the mean, over the dimensions any zone has, of the population
    /// standard deviation of utilization across the zones. 1 is perfectly even; lower is more imbalanced.
    /// </summary>
    public static double BalanceIndex(IReadOnlyList<ZoneSnapshot> zones, IReadOnlyList<ResourceVector> loads)
    {
        ArgumentNullException.ThrowIfNull(zones);
        ArgumentNullException.ThrowIfNull(loads);
        double sumSd = 0;
        int dims = 0;
        for (int d = 0; d < ResourceVector.Dimensions; d++)
        {
            double sum = 0, sumSq = 0;
            int n = 0;
            for (int z = 0; z < zones.Count; z++)
            {
                long cap = zones[z].Allocatable[d];
                if (cap <= 0)
                {
                    continue;
                }

                double u = (double)loads[z][d] / cap;
                sum += u;
                sumSq += u * u;
                n++;
            }

            if (n == 0)
            {
                continue;
            }

            double mean = sum / n;
            sumSd += Math.Sqrt(Math.Max(0, sumSq / n - mean * mean));
            dims++;
        }

        return dims == 0 ? 1.0 : 1.0 - sumSd / dims;
    }
}
