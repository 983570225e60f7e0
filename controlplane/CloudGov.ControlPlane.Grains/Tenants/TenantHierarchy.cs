using CloudGov.ControlPlane.Abstractions.Tenants;

namespace CloudGov.ControlPlane.Grains.Tenants;

/// <summary>Pure questions about a tenant tree held as id → node.</summary>
public static class TenantHierarchy
{
    /// <summary>The tenant and its ancestors, the tenant first, the root last; empty when unknown. Stops on a cycle.</summary>
    public static List<TenantNode> Ancestry(IReadOnlyDictionary<string, TenantNode> tenants, string tenantId)
    {
        var chain = new List<TenantNode>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string id = tenantId;
        while (id.Length > 0 && tenants.TryGetValue(id, out var node) && seen.Add(id))
        {
            chain.Add(node);
            id = node.ParentId;
        }

        return chain;
    }

    /// <summary>The depth of a tenant (0 for a root); -1 when unknown.</summary>
    public static int Depth(IReadOnlyDictionary<string, TenantNode> tenants, string tenantId) => Ancestry(tenants, tenantId).Count - 1;

    /// <summary>True when <paramref name="tenantId"/> is <paramref name="ancestorId"/> or lies below it.</summary>
    public static bool IsWithin(IReadOnlyDictionary<string, TenantNode> tenants, string tenantId, string ancestorId) =>
        Ancestry(tenants, tenantId).Exists(n => string.Equals(n.TenantId, ancestorId, StringComparison.Ordinal));

    /// <summary>The direct children of a tenant (of the roots for an empty id).</summary>
    public static IEnumerable<TenantNode> Children(IReadOnlyDictionary<string, TenantNode> tenants, string parentId) =>
        tenants.Values.Where(t => string.Equals(t.ParentId, parentId, StringComparison.Ordinal));

    /// <summary>What the direct children of a tenant (the roots for an empty id) hold, summed exactly.</summary>
    public static ResourceVector ChildrenAllocated(IReadOnlyDictionary<string, TenantNode> tenants, string parentId, string? except = null)
    {
        var sum = ResourceVector.Zero;
        foreach (var child in Children(tenants, parentId))
        {
            if (!string.Equals(child.TenantId, except, StringComparison.Ordinal))
            {
                sum = ResourceSums.Checked(sum, child.Allocated);
            }
        }

        return sum;
    }

    /// <summary>The height of the subtree under a tenant (0 for a leaf).</summary>
    public static int Height(IReadOnlyDictionary<string, TenantNode> tenants, string tenantId)
    {
        int height = 0;
        foreach (var child in Children(tenants, tenantId))
        {
            height = Math.Max(height, 1 + Height(tenants, child.TenantId));
        }

        return height;
    }

    /// <summary>Every tenant ordered parents before children, siblings by id.</summary>
    public static List<TenantNode> TopDown(IReadOnlyDictionary<string, TenantNode> tenants, string rootId = "")
    {
        var ordered = new List<TenantNode>();
        var queue = new Queue<string>();
        if (rootId.Length > 0)
        {
            if (!tenants.TryGetValue(rootId, out var root))
            {
                return ordered;
            }

            ordered.Add(root);
        }

        queue.Enqueue(rootId);
        var byParent = tenants.Values.ToLookup(t => t.ParentId, StringComparer.Ordinal);
        while (queue.Count > 0)
        {
            foreach (var child in byParent[queue.Dequeue()].OrderBy(t => t.TenantId, StringComparer.Ordinal))
            {
                ordered.Add(child);
                queue.Enqueue(child.TenantId);
            }
        }

        return ordered;
    }

    /// <summary>
    /// The first level that cannot give <paramref name="extra"/> more to <paramref name="tenantId"/>: its parent, whose
    /// children would then hold more than it, or (for a root) the one cloud, whose roots would hold more than its capacity.
    /// Null when it fits.
    /// </summary>
    public static string? ShortLevelForGrant(IReadOnlyDictionary<string, TenantNode> tenants, TenantNode tenant, ResourceVector extra, ResourceVector capacity, out ResourceVector left)
    {
        return ShortLevelForGrant(tenants, ChildrenAllocated(tenants, tenant.ParentId), tenant, extra, capacity, out left);
    }

    /// <summary>As <see cref="ShortLevelForGrant(IReadOnlyDictionary{string, TenantNode}, TenantNode, ResourceVector, ResourceVector, out ResourceVector)"/>, through the state's children index.</summary>
    internal static string? ShortLevelForGrant(TenantQuotaState s, TenantNode tenant, ResourceVector extra, ResourceVector capacity, out ResourceVector left) =>
        ShortLevelForGrant(s.Tenants, s.Children.Allocated(tenant.ParentId), tenant, extra, capacity, out left);

    private static string? ShortLevelForGrant(IReadOnlyDictionary<string, TenantNode> tenants, ResourceVector given, TenantNode tenant, ResourceVector extra, ResourceVector capacity, out ResourceVector left)
    {
        var holds = tenant.IsRoot ? capacity : tenants[tenant.ParentId].Allocated;
        left = holds - given;
        return ResourceSums.Checked(given, extra).FitsWithin(holds) ? null : (tenant.IsRoot ? QuotaBook.OneCloudLevel : tenant.ParentId);
    }
}
