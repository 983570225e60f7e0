using CloudGov.ControlPlane.Abstractions.Tenants;

namespace CloudGov.ControlPlane.Grains.Tenants;

/// <summary>
/// The direct children of every tenant (by parent id; the roots under the empty id), so a rule asks for a parent's
/// children without scanning every tenant. An index answers for exactly one tenant dictionary, <see cref="For"/>: it is
/// built from it, or carried to a dictionary that differs only in tenants' allocations or names (same ids, same
/// parents; <see cref="TenantQuotaState.WithSameShape"/>). Whoever holds a dictionary the index was not made for
/// rebuilds it (<see cref="TenantQuotaState.Children"/>), so it is never stale.
/// </summary>
internal sealed class TenantChildIndex
{
    private readonly Dictionary<string, string[]> _children;

    private TenantChildIndex(ImmutableDictionary<string, TenantNode> tenants, Dictionary<string, string[]> children)
    {
        For = tenants;
        _children = children;
    }

    /// <summary>The tenant dictionary this index answers for.</summary>
    public ImmutableDictionary<string, TenantNode> For { get; }

    /// <summary>The index of <paramref name="tenants"/>.</summary>
    public static TenantChildIndex Build(ImmutableDictionary<string, TenantNode> tenants)
    {
        var lists = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var t in tenants.Values)
        {
            if (!lists.TryGetValue(t.ParentId, out var list))
            {
                lists[t.ParentId] = list = [];
            }

            list.Add(t.TenantId);
        }

        var children = new Dictionary<string, string[]>(lists.Count, StringComparer.Ordinal);
        foreach (var (parent, list) in lists)
        {
            children[parent] = [.. list];
        }

        return new TenantChildIndex(tenants, children);
    }

    /// <summary>This index for <paramref name="tenants"/>, which must hold the same ids with the same parents as <see cref="For"/>.</summary>
    public TenantChildIndex Carried(ImmutableDictionary<string, TenantNode> tenants) => new(tenants, _children);

    /// <summary>The ids of the direct children of <paramref name="parentId"/> (of the roots for an empty id).</summary>
    public ReadOnlySpan<string> Of(string parentId) => _children.TryGetValue(parentId, out var ids) ? ids : [];

    /// <summary>What the direct children of <paramref name="parentId"/> hold, summed exactly.</summary>
    public ResourceVector Allocated(string parentId)
    {
        var sum = ResourceVector.Zero;
        foreach (var id in Of(parentId))
        {
            sum = ResourceSums.Checked(sum, For[id].Allocated);
        }

        return sum;
    }
}
