using CloudGov.Domain;

namespace CloudGov.Scheduling.Quota;

/// <summary>
/// The real quota view: a tenant may take more only when every level of its ancestry — itself, its parent, up to its
/// root — has that much left (allocation minus its subtree's use and reservations). A migration keeps the tenant's total,
/// so it needs no room, only that no level is already over quota (a tenant pushed over by discovered workloads is not
/// moved around until it is back within quota). With no tenants at all, quota is not enforced; with some, a tenant that
/// is not among them is refused.
/// </summary>
public sealed class HierarchicalQuotaView : ITenantQuotaView
{
    private readonly Dictionary<string, QuotaNode> _nodes;
    private readonly Dictionary<string, ResourceVector> _subtreeUse;

    /// <summary>Builds the view from every tenant; sums are exact (checked).</summary>
    public HierarchicalQuotaView(IEnumerable<QuotaNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        _nodes = nodes.ToDictionary(n => n.TenantId, StringComparer.Ordinal);
        _subtreeUse = new Dictionary<string, ResourceVector>(StringComparer.Ordinal);
        foreach (var node in _nodes.Values)
        {
            foreach (var level in Ancestry(node.TenantId))
            {
                _subtreeUse[level.TenantId] = ResourceSums.Checked(_subtreeUse.GetValueOrDefault(level.TenantId), node.OwnUse);
            }
        }
    }

    /// <summary>True when no tenant is known: quota is not enforced.</summary>
    public bool IsEmpty => _nodes.Count == 0;

    /// <summary>The use and reservations of a tenant's subtree.</summary>
    public ResourceVector SubtreeUse(string tenantId) => _subtreeUse.GetValueOrDefault(tenantId);

    /// <inheritdoc />
    public bool Admits(string tenantId, ResourceVector additional, bool isMigration, out ResourceVector remaining)
    {
        var shortfall = Shortfall(tenantId, additional, isMigration);
        remaining = shortfall?.Remaining ?? (_nodes.TryGetValue(tenantId, out var n) ? n.Allocated - SubtreeUse(tenantId) : new ResourceVector(long.MaxValue, long.MaxValue, long.MaxValue, long.MaxValue));
        return shortfall is null;
    }

    /// <inheritdoc />
    public QuotaShortfall? Shortfall(string tenantId, ResourceVector additional, bool isMigration)
    {
        if (IsEmpty)
        {
            return null;
        }

        if (!_nodes.ContainsKey(tenantId))
        {
            return new QuotaShortfall(tenantId, tenantId, ResourceVector.Zero, Unknown: true);
        }

        foreach (var level in Ancestry(tenantId))
        {
            var remaining = level.Allocated - SubtreeUse(level.TenantId);
            bool fits = isMigration ? remaining.IsNonNegative : additional.FitsWithin(remaining);
            if (!fits)
            {
                return new QuotaShortfall(tenantId, level.TenantId, remaining);
            }
        }

        return null;
    }

    private IEnumerable<QuotaNode> Ancestry(string tenantId)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (string id = tenantId; id.Length > 0 && _nodes.TryGetValue(id, out var node) && seen.Add(id); id = node.ParentId)
        {
            yield return node;
        }
    }
}
