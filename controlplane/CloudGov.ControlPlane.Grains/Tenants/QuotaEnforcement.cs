using CloudGov.ControlPlane.Abstractions.Tenants;
using CloudGov.ControlPlane.Grains.Ledger;
using CloudGov.ControlPlane.Grains.Plans;
using CloudGov.Scheduling.Quota;

namespace CloudGov.ControlPlane.Grains.Tenants;

/// <summary>
/// The quota check every entry point makes — placement, a plan's move, intent registration — over the committed
/// hierarchy and the ledger's records: refused with <c>TENANT_QUOTA_EXCEEDED</c> naming the level that is short.
/// </summary>
public static class QuotaEnforcement
{
    /// <summary>The reason code every refusal carries.</summary>
    public const string Code = "TENANT_QUOTA_EXCEEDED";

    /// <summary>The view over the committed hierarchy with every tenant's use from <paramref name="records"/>.</summary>
    public static async Task<HierarchicalQuotaView> ViewAsync(IGrainFactory grains, IEnumerable<WorkloadRecord> records, DateTimeOffset now)
    {
        var tree = await grains.GetGrain<ITenantQuotaGrain>(0).GetTreeAsync();
        return View(tree, tree.Tenants.IsEmpty ? new QuotaUsage() : QuotaUsage.Of(records, now));
    }

    /// <summary>The view over a hierarchy and a usage.</summary>
    public static HierarchicalQuotaView View(QuotaTree tree, QuotaUsage usage) =>
        new(tree.Tenants.Select(t => new QuotaNode(t.TenantId, t.ParentId, t.Allocated, usage.Taken(t.TenantId))));

    /// <summary>The refusal message for a shortfall: code, level, and what is left.</summary>
    public static string Message(QuotaShortfall shortfall, ResourceVector additional) =>
        $"{Code} at {shortfall.Level}: {shortfall.Describe(additional)}";

    /// <summary>Every ledger record (one call per shard).</summary>
    public static async Task<ImmutableArray<WorkloadRecord>> RecordsAsync(IGrainFactory grains)
    {
        var shards = await Task.WhenAll(LedgerShards.All(grains).Select(s => s.SnapshotAsync()));
        return [.. shards.SelectMany(s => s)];
    }

    /// <summary>
    /// The quota problems of an intent change (previewed): a tenant that takes on workloads (a registration naming
    /// another tenant, larger requests) must have room for them at every level. Records without a zone count for nobody.
    /// </summary>
    public static async Task<ImmutableArray<string>> IntentProblemsAsync(IGrainFactory grains, IntentOutcome preview, DateTimeOffset now)
    {
        var tree = await grains.GetGrain<ITenantQuotaGrain>(0).GetTreeAsync();
        if (tree.Tenants.IsEmpty || preview.Changes.IsEmpty)
        {
            return [];
        }

        var delta = new Dictionary<string, ResourceVector>(StringComparer.Ordinal);
        foreach (var change in preview.Changes.Where(c => c.Before is not null))
        {
            delta[change.After.TenantId] = delta.GetValueOrDefault(change.After.TenantId) + change.After.Requests;
            delta[change.Before!.TenantId] = delta.GetValueOrDefault(change.Before.TenantId) - change.Before.Requests;
        }

        var grows = delta.Where(d => !ResourceVector.Max(d.Value, ResourceVector.Zero).IsZero).ToList();
        if (grows.Count == 0)
        {
            return [];
        }

        var view = View(tree, QuotaUsage.Of(await RecordsAsync(grains), now));
        return [.. grows
            .Select(d => (d.Key, Extra: ResourceVector.Max(d.Value, ResourceVector.Zero)))
            .Select(d => view.Shortfall(d.Key, d.Extra, isMigration: false) is { } s ? Message(s, d.Extra) : null)
            .Where(p => p is not null)
            .Select(p => p!)];
    }

    /// <summary>
    /// A plan's moves that may start, checked for quota: a migration keeps the tenant's total (the make-before-break
    /// overlap is transient and held by the target zone's capacity, not the tenant's quota), so it needs no room; but a
    /// workload of a tenant that is over quota at some level is not moved until the tenant is back within quota.
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, MoveGate>> GateMovesAsync(IGrainFactory grains, PlanRecord plan, IReadOnlyDictionary<int, MoveGate> gates, DateTimeOffset now)
    {
        var open = gates.Where(g => g.Value.Refusal is null).ToList();
        if (open.Count == 0)
        {
            return gates;
        }

        var tree = await grains.GetGrain<ITenantQuotaGrain>(0).GetTreeAsync();
        if (tree.Tenants.IsEmpty)
        {
            return gates;
        }

        var view = View(tree, QuotaUsage.Of(await RecordsAsync(grains), now));
        var checkedGates = new Dictionary<int, MoveGate>(gates);
        foreach (var (index, gate) in open)
        {
            var move = plan.Moves.First(m => m.Index == index);
            string tenant = gate.Spec?.TenantId ?? move.TenantId;
            if (view.Shortfall(tenant, move.Requests, isMigration: true) is { } s)
            {
                checkedGates[index] = new MoveGate($"{Code} at {s.Level}: tenant {tenant} is over quota there ({s.Remaining} left); its workloads are not moved until it is back within quota", null);
            }
        }

        return checkedGates;
    }
}
