using CloudGov.ControlPlane.Abstractions.Tenants;

namespace CloudGov.ControlPlane.Grains.Tenants;

/// <summary>
/// The direct children of every tenant (by parent id; the roots under the empty id), so a rule asks for a parent's
/// children without scanning every tenant. An index answers for exactly one tenant dictionary, <see cref="For"/>: it is
/// built from it, or carried to a dictionary that differs only in one tenant's allocation or name (same ids, same
/// parents; <see cref="TenantQuotaState.WithSameShape"/>). Whoever holds a dictionary the index was not made for
/// rebuilds it (<see cref="TenantQuotaState.Children"/>), so it is never stale.
/// <para>
/// It also remembers what the children of each parent asked about hold (<see cref="Allocated"/>), and a carried index
/// keeps those sums with the one changed tenant's difference applied to its parent's: a grant under a parent with many
/// children then sums nothing. A sum is only ever remembered for the dictionary it was computed from.
/// </para>
/// </summary>
internal sealed class TenantChildIndex
{
    private readonly Dictionary<string, string[]> _children;

    // Sums for For only. Filled on first ask; the field is replaced, never changed in place, so a state read on
    // another thread at worst computes a sum again.
    private ImmutableDictionary<string, ResourceVector> _sums;

    private TenantChildIndex(ImmutableDictionary<string, TenantNode> tenants, Dictionary<string, string[]> children, ImmutableDictionary<string, ResourceVector> sums)
    {
        For = tenants;
        _children = children;
        _sums = sums;
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

        return new TenantChildIndex(tenants, children, ImmutableDictionary.Create<string, ResourceVector>(StringComparer.Ordinal));
    }

    /// <summary>
    /// This index for <paramref name="tenants"/>: <see cref="For"/> with <paramref name="before"/> replaced by
    /// <paramref name="after"/> (the same id and parent; only its allocation or name may differ) and nothing else changed.
    /// </summary>
    public TenantChildIndex Carried(ImmutableDictionary<string, TenantNode> tenants, TenantNode before, TenantNode after)
    {
        var sums = _sums;
        if (before.Allocated != after.Allocated && sums.TryGetValue(after.ParentId, out var sum))
        {
            // The sum held before.Allocated, so taking it out cannot wrap. A sum that would overflow is forgotten: if
            // asked for again it is computed, and refused, as it always was.
            try
            {
                sums = sums.SetItem(after.ParentId, ResourceSums.Checked(sum - before.Allocated, after.Allocated));
            }
            catch (OverflowException)
            {
                sums = sums.Remove(after.ParentId);
            }
        }

        return new(tenants, _children, sums);
    }

    /// <summary>The ids of the direct children of <paramref name="parentId"/> (of the roots for an empty id).</summary>
    public ReadOnlySpan<string> Of(string parentId) => _children.TryGetValue(parentId, out var ids) ? ids : [];

    /// <summary>What the direct children of <paramref name="parentId"/> hold, summed exactly.</summary>
    public ResourceVector Allocated(string parentId)
    {
        var sums = _sums;
        if (sums.TryGetValue(parentId, out var known))
        {
            return known;
        }

        var sum = ResourceVector.Zero;
        foreach (var id in Of(parentId))
        {
            sum = ResourceSums.Checked(sum, For[id].Allocated);
        }

        _sums = sums.SetItem(parentId, sum);
        return sum;
    }
}
