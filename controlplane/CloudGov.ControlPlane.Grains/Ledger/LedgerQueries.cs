namespace CloudGov.ControlPlane.Grains.Ledger;

/// <summary>The ledger as one: queries and changes that span every shard, merged (one call per shard, in parallel).</summary>
public static class LedgerQueries
{
    /// <summary>One page of records passing <paramref name="query"/>, ordered by id, after <paramref name="after"/>; the last id when more follow.</summary>
    public static async Task<(ImmutableArray<WorkloadRecord> Page, string? Next)> ListAsync(IGrainFactory grains, WorkloadQuery query, string after, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var parts = await Task.WhenAll(LedgerShards.All(grains).Select(s => s.ListAsync(query, after, pageSize + 1)));
        var merged = parts.SelectMany(p => p).OrderBy(r => r.WorkloadId, StringComparer.Ordinal).Take(pageSize + 1).ToList();
        return merged.Count > pageSize
            ? ([.. merged.Take(pageSize)], merged[pageSize - 1].WorkloadId)
            : ([.. merged], null);
    }

    /// <summary>
    /// Previews an intent change on every shard; unless it is a dry run and when no shard found a problem, applies it.
    /// A change some shard refuses changes nothing anywhere.
    /// </summary>
    public static async Task<IntentOutcome> ChangeIntentAsync(IGrainFactory grains, IntentChangeRequest request, bool dryRun, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var shards = LedgerShards.All(grains).ToList();
        var preview = Merge(await Task.WhenAll(shards.Select(s => s.ChangeIntentAsync(request, dryRun: true))));
        if (dryRun || !preview.Problems.IsEmpty || preview.Changes.IsEmpty)
        {
            return preview;
        }

        // Quota: a tenant that takes on workloads must have room at every level of its ancestry.
        var quota = await Tenants.QuotaEnforcement.IntentProblemsAsync(grains, preview, now ?? DateTimeOffset.UtcNow);
        if (!quota.IsEmpty)
        {
            return preview with { Problems = quota };
        }

        return Merge(await Task.WhenAll(shards.Select(s => s.ChangeIntentAsync(request, dryRun: false))));
    }

    /// <summary>The ledger view, grouped and merged across shards, ordered by key.</summary>
    public static async Task<ImmutableArray<LedgerGroup>> ViewAsync(IGrainFactory grains, LedgerGrouping grouping, string tenantId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var parts = await Task.WhenAll(LedgerShards.All(grains).Select(s => s.ViewAsync(grouping, tenantId)));
        var groups = new SortedDictionary<string, LedgerGroup>(StringComparer.Ordinal);
        foreach (var group in parts.SelectMany(p => p))
        {
            groups[group.Key] = groups.TryGetValue(group.Key, out var known) ? known.Merge(group) : group;
        }

        return [.. groups.Values];
    }

    /// <summary>The ledger view of several tenants' records (a tenant's subtree), grouped and merged across tenants and shards.</summary>
    public static async Task<ImmutableArray<LedgerGroup>> ViewAsync(IGrainFactory grains, LedgerGrouping grouping, IReadOnlyCollection<string> tenantIds)
    {
        ArgumentNullException.ThrowIfNull(tenantIds);
        var parts = await Task.WhenAll(tenantIds.Distinct(StringComparer.Ordinal).Select(t => ViewAsync(grains, grouping, t)));
        var groups = new SortedDictionary<string, LedgerGroup>(StringComparer.Ordinal);
        foreach (var group in parts.SelectMany(p => p))
        {
            groups[group.Key] = groups.TryGetValue(group.Key, out var known) ? known.Merge(group) : group;
        }

        return [.. groups.Values];
    }

    /// <summary>Records per zone and state across the ledger.</summary>
    public static async Task<ImmutableArray<LedgerCount>> CountsAsync(IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var parts = await Task.WhenAll(LedgerShards.All(grains).Select(s => s.CountsAsync()));
        return [.. parts.SelectMany(p => p).GroupBy(c => (c.ZoneId, c.State)).Select(g => new LedgerCount(g.Key.ZoneId, g.Key.State, g.Sum(c => c.Count)))];
    }

    private static IntentOutcome Merge(IntentOutcome[] parts) => new(
        parts.Sum(p => p.Matched),
        [.. parts.SelectMany(p => p.Changes).OrderBy(c => c.WorkloadId, StringComparer.Ordinal)],
        [.. parts.SelectMany(p => p.Breaks).OrderBy(b => b.WorkloadId, StringComparer.Ordinal)],
        [.. parts.SelectMany(p => p.Problems)]);
}
