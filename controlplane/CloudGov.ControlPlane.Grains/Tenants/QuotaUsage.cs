namespace CloudGov.ControlPlane.Grains.Tenants;

/// <summary>
/// What each tenant's own workloads take, from the ledger (一本账): <b>used</b> — every record that runs or should run
/// somewhere (observed in a zone, or placed there), managed or adopted (an adopted record belongs to the tenant its
/// labels or its zone's report name); <b>reserved</b> — placements under way, until they are seen or their deadline
/// passes. A workload seen in two zones while it moves counts once.
/// </summary>
public sealed class QuotaUsage
{
    private readonly Dictionary<string, (ResourceVector Used, ResourceVector Reserved)> _byTenant = new(StringComparer.Ordinal);

    /// <summary>Sums the records as of <paramref name="now"/>.</summary>
    public static QuotaUsage Of(IEnumerable<WorkloadRecord> records, DateTimeOffset now)
    {
        var usage = new QuotaUsage();
        foreach (var r in records)
        {
            bool runs = !r.Observed.IsDefaultOrEmpty || (r.ZoneId is not null && r.Placing is null);
            bool reserved = !runs && r.Placing is { } p && now <= p.Deadline;
            if (!runs && !reserved)
            {
                continue;
            }

            var (used, held) = usage._byTenant.GetValueOrDefault(r.Intent.TenantId);
            usage._byTenant[r.Intent.TenantId] = runs
                ? (ResourceSums.Checked(used, r.Intent.Requests), held)
                : (used, ResourceSums.Checked(held, r.Intent.Requests));
        }

        return usage;
    }

    /// <summary>What the tenant's own workloads use.</summary>
    public ResourceVector Used(string tenantId) => _byTenant.GetValueOrDefault(tenantId).Used;

    /// <summary>What placements under way for the tenant's own workloads hold.</summary>
    public ResourceVector Reserved(string tenantId) => _byTenant.GetValueOrDefault(tenantId).Reserved;

    /// <summary>Used plus reserved.</summary>
    public ResourceVector Taken(string tenantId) => ResourceSums.Checked(Used(tenantId), Reserved(tenantId));

    /// <summary>Tenants with any use, including ones the hierarchy does not know.</summary>
    public IEnumerable<string> Tenants => _byTenant.Keys;
}
