using CloudGov.ControlPlane.Grains.Tenants;
using Prometheus;

namespace CloudGov.ControlPlane.Metrics;

/// <summary>
/// How much of each tenant's allocation its subtree has used or reserved, per resource: the signal behind the
/// QuotaNearlyExhausted alert and the quota dashboard. Label cardinality is bounded: only the
/// <see cref="MaxTenants"/> tenants nearest exhaustion are exported (a tenant that drops out loses its series).
/// </summary>
internal sealed class QuotaUsageRatioMetrics(IMetricFactory factory)
{
    /// <summary>The most tenants exported (× 4 resources = the most series).</summary>
    internal const int MaxTenants = 50;

    private readonly Gauge _ratio = factory.CreateGauge(
        "cloudgov_quota_tenant_usage_ratio",
        $"(Used + reserved) ÷ allocated in the tenant's subtree per resource (cpu, memory, storage, gpu), for the {MaxTenants} tenants nearest exhaustion; 0 where nothing is allocated or used, +Inf where use has no allocation.",
        ["tenant", "resource"]);

    private HashSet<string> _exported = new(StringComparer.Ordinal);

    /// <summary>Sets the gauge for the tenants nearest exhaustion and removes the series of tenants no longer among them.</summary>
    public void Observe(IReadOnlyCollection<TenantQuotaFigures> figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var top = figures
            .Select(f => (Figures: f, Ratios: Ratios(f)))
            .OrderByDescending(t => t.Ratios.Max())
            .ThenBy(t => t.Figures.Tenant.TenantId, StringComparer.Ordinal)
            .Take(MaxTenants)
            .ToList();
        var exported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (f, ratios) in top)
        {
            string tenant = f.Tenant.TenantId;
            exported.Add(tenant);
            for (int d = 0; d < ResourceVector.Dimensions; d++)
            {
                _ratio.WithLabels(tenant, ResourceVector.DimensionNames[d]).Set(ratios[d]);
            }
        }

        foreach (var gone in _exported.Where(t => !exported.Contains(t)))
        {
            for (int d = 0; d < ResourceVector.Dimensions; d++)
            {
                _ratio.RemoveLabelled(gone, ResourceVector.DimensionNames[d]);
            }
        }

        _exported = exported;
    }

    /// <summary>(Used + reserved) ÷ allocated per dimension; 0 for nothing allocated nor used, +Inf for use without allocation.</summary>
    internal static double[] Ratios(TenantQuotaFigures figures)
    {
        var ratios = new double[ResourceVector.Dimensions];
        for (int d = 0; d < ResourceVector.Dimensions; d++)
        {
            double taken = (double)figures.Used[d] + figures.Reserved[d];
            long allocated = figures.Tenant.Allocated[d];
            ratios[d] = allocated > 0 ? taken / allocated : taken > 0 ? double.PositiveInfinity : 0;
        }

        return ratios;
    }
}
