using CloudGov.ControlPlane.Abstractions.Tenants;
using CloudGov.ControlPlane.Grains.Tenants;

namespace CloudGov.ControlPlane.Security;

/// <summary>Tenant scope backed by the tenant hierarchy: tenant B is within caller A's scope when B is A or lies below A.</summary>
internal sealed class HierarchyTenantScope(IGrainFactory grains) : ITenantScope
{
    /// <summary>True when <paramref name="tenantId"/> is <paramref name="callerTenantId"/> or lies below it in <paramref name="tree"/>.</summary>
    public static bool Within(QuotaTree tree, string tenantId, string callerTenantId)
    {
        if (string.Equals(tenantId, callerTenantId, StringComparison.Ordinal))
        {
            return true;
        }

        var all = tree.Tenants.ToDictionary(t => t.TenantId, StringComparer.Ordinal);
        return callerTenantId.Length > 0 && TenantHierarchy.IsWithin(all, tenantId, callerTenantId);
    }

    /// <inheritdoc />
    public async ValueTask<bool> IsWithinAsync(string callerTenantId, string tenantId, CancellationToken cancellationToken) =>
        string.Equals(callerTenantId, tenantId, StringComparison.Ordinal)
        || Within(await grains.GetGrain<ITenantQuotaGrain>(0).GetTreeAsync().WaitAsync(cancellationToken), tenantId, callerTenantId);

    /// <inheritdoc />
    public async ValueTask<ImmutableArray<string>> SubtreeAsync(string callerTenantId, CancellationToken cancellationToken)
    {
        var tree = await grains.GetGrain<ITenantQuotaGrain>(0).GetTreeAsync().WaitAsync(cancellationToken);
        var all = tree.Tenants.ToDictionary(t => t.TenantId, StringComparer.Ordinal);

        // A tenant the hierarchy does not (yet) know still reaches its own workloads.
        return all.ContainsKey(callerTenantId) ? [.. TenantHierarchy.TopDown(all, callerTenantId).Select(t => t.TenantId)] : [callerTenantId];
    }
}
