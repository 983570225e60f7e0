using CloudGov.ControlPlane.Abstractions.Tenants;
using CloudGov.ControlPlane.Grains.Tenants;

namespace CloudGov.ControlPlane.Tests.Tenants;

/// <summary>Builders for hierarchies and asks.</summary>
internal static class QuotaTrees
{
    public static ResourceVector Cpu(long millicores) => new(millicores, 0, 0);

    /// <summary>CPU with 4 MiB of memory per millicore-thousandth and storage to match: enough of everything for tests that place.</summary>
    public static ResourceVector Full(long millicores) => new(millicores, millicores * 8, millicores);

    public static TenantNode Node(string id, string parent, ResourceVector allocated, string? name = null) =>
        new(id, name ?? id, parent, allocated, TenantClusterFixture.Time.GetUtcNow());

    public static QuotaAsk Increase(string tenant, ResourceVector amount, string? key = null, string by = "tester") =>
        new(tenant, QuotaDirection.Increase, amount, "more systems this quarter", key ?? Guid.NewGuid().ToString("N"), by);

    public static QuotaAsk Decrease(string tenant, ResourceVector amount, string? key = null) =>
        new(tenant, QuotaDirection.Decrease, amount, "handing back", key ?? Guid.NewGuid().ToString("N"), "tester");

    /// <summary>Creates the tenants (parents first) through the grain; fails the test on any refusal.</summary>
    public static async Task CreateAsync(params TenantNode[] nodes)
    {
        foreach (var n in nodes)
        {
            var r = await TenantClusterFixture.Quota.CreateTenantAsync(n, "operator", TenantClusterFixture.Cloud.Capacity);
            Assert.That(r.Succeeded, Is.True, r.Message);
        }
    }

    /// <summary>Every invariant of the committed hierarchy: children within their parent, roots within the capacity.</summary>
    public static async Task<List<string>> ViolationsAsync(ResourceVector capacity)
    {
        var tree = await TenantClusterFixture.Quota.GetTreeAsync();
        var all = tree.Tenants.ToDictionary(t => t.TenantId, StringComparer.Ordinal);
        var violations = new List<string>();
        foreach (var t in tree.Tenants)
        {
            var children = TenantHierarchy.ChildrenAllocated(all, t.TenantId);
            if (!children.FitsWithin(t.Allocated))
            {
                violations.Add($"children of {t.TenantId} hold {children}, more than its {t.Allocated}");
            }
        }

        if (!TenantHierarchy.ChildrenAllocated(all, string.Empty).FitsWithin(capacity))
        {
            violations.Add("the roots hold more than the capacity");
        }

        return violations;
    }
}
