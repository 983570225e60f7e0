using CloudGov.ControlPlane.Abstractions.Tenants;

namespace CloudGov.ControlPlane.Grains.Tenants;

/// <summary>One tenant's quota figures: allocation, its subtree's use and reservations, what its children hold, what is left.</summary>
public sealed record TenantQuotaFigures(TenantNode Tenant, ResourceVector Used, ResourceVector Reserved, ResourceVector AllocatedToChildren)
{
    /// <summary>Allocation minus use and reservations (negative where over quota).</summary>
    public ResourceVector Available => Tenant.Allocated - Used - Reserved;

    /// <summary>The dimensions in which use and reservations exceed the allocation.</summary>
    public IReadOnlyList<string> OverDimensions =>
        [.. Enumerable.Range(0, ResourceVector.Dimensions).Where(d => Available[d] < 0).Select(d => ResourceVector.DimensionNames[d])];

    /// <summary>True when over quota in some dimension (e.g. pushed there by discovered workloads).</summary>
    public bool OverQuota => !Available.IsNonNegative;

    /// <summary>Every tenant's figures over one usage reading.</summary>
    public static Dictionary<string, TenantQuotaFigures> All(QuotaTree tree, QuotaUsage usage)
    {
        var tenants = tree.Tenants.ToDictionary(t => t.TenantId, StringComparer.Ordinal);
        var used = new Dictionary<string, ResourceVector>(StringComparer.Ordinal);
        var reserved = new Dictionary<string, ResourceVector>(StringComparer.Ordinal);
        foreach (var t in tree.Tenants)
        {
            foreach (var level in TenantHierarchy.Ancestry(tenants, t.TenantId))
            {
                used[level.TenantId] = ResourceSums.Checked(used.GetValueOrDefault(level.TenantId), usage.Used(t.TenantId));
                reserved[level.TenantId] = ResourceSums.Checked(reserved.GetValueOrDefault(level.TenantId), usage.Reserved(t.TenantId));
            }
        }

        return tree.Tenants.ToDictionary(
            t => t.TenantId,
            t => new TenantQuotaFigures(t, used.GetValueOrDefault(t.TenantId), reserved.GetValueOrDefault(t.TenantId), TenantHierarchy.ChildrenAllocated(tenants, t.TenantId)),
            StringComparer.Ordinal);
    }
}
