using CloudGov.ControlPlane.Abstractions.Tenants;

namespace CloudGov.ControlPlane.Grains.Tenants;

/// <summary>
/// What one group commit must store: the rows that differ between the stored state and the state the batch brings it
/// to. Requests are found through the ids the batch's commands touched (records are immutable, so a changed record is a
/// different object); tenants likewise through the ids the batch's request decisions touched, or by comparing every
/// tenant when a hierarchy command ran; requests the retention dropped through the front of the stored retention order.
/// </summary>
internal static class QuotaJournalDiff
{
    /// <summary>
    /// The batch from <paramref name="stored"/> to <paramref name="next"/>, carrying <paramref name="audit"/>. With
    /// <paramref name="touchedTenants"/>, only those tenants can differ (every other tenant must be the same object in
    /// both states); null compares every tenant.
    /// </summary>
    public static QuotaJournalBatch Between(TenantQuotaState stored, TenantQuotaState next, IReadOnlyCollection<string> touchedRequests, ImmutableArray<QuotaAuditRecord> audit, IReadOnlyCollection<string>? touchedTenants = null)
    {
        var requests = ImmutableArray.CreateBuilder<QuotaRequestRecord>();
        var removed = ImmutableArray.CreateBuilder<string>();
        int added = 0;
        foreach (var id in touchedRequests)
        {
            bool was = stored.Requests.TryGetValue(id, out var before);
            if (next.Requests.TryGetValue(id, out var after))
            {
                if (!ReferenceEquals(before, after))
                {
                    requests.Add(after);
                    added += was ? 0 : 1;
                }
            }
            else if (was)
            {
                removed.Add(id);
            }
        }

        // The retention drops the oldest decided requests first, so those it dropped since the stored state are a
        // prefix of the stored retention order; a count that does not add up falls back to comparing every id.
        foreach (var oldest in stored.Decided)
        {
            if (next.Requests.ContainsKey(oldest.RequestId))
            {
                break;
            }

            if (!touchedRequests.Contains(oldest.RequestId))
            {
                removed.Add(oldest.RequestId);
            }
        }

        ImmutableArray<string> removedRequests = next.Requests.Count == stored.Requests.Count + added - removed.Count
            ? removed.DrainToImmutable()
            : [.. stored.Requests.Keys.Where(id => !next.Requests.ContainsKey(id))];

        ImmutableArray<TenantNode> tenants = [];
        ImmutableArray<string> removedTenants = [];
        if (!ReferenceEquals(stored.Tenants, next.Tenants) && touchedTenants is not null)
        {
            var changed = ImmutableArray.CreateBuilder<TenantNode>();
            var gone = ImmutableArray.CreateBuilder<string>();
            foreach (var id in touchedTenants)
            {
                bool was = stored.Tenants.TryGetValue(id, out var before);
                if (next.Tenants.TryGetValue(id, out var after))
                {
                    if (!ReferenceEquals(before, after))
                    {
                        changed.Add(after);
                    }
                }
                else if (was)
                {
                    gone.Add(id);
                }
            }

            tenants = changed.DrainToImmutable();
            removedTenants = gone.DrainToImmutable();
        }
        else if (!ReferenceEquals(stored.Tenants, next.Tenants))
        {
            tenants = [.. next.Tenants.Values.Where(t => !stored.Tenants.TryGetValue(t.TenantId, out var before) || !ReferenceEquals(before, t))];
            removedTenants = [.. stored.Tenants.Keys.Where(id => !next.Tenants.ContainsKey(id))];
        }

        return new QuotaJournalBatch(next.LastSequence, next.TreeVersion, tenants, removedTenants, requests.ToImmutable(), removedRequests, audit);
    }

    /// <summary>Everything in <paramref name="state"/>, for the first commit of state read from the previous release's single row.</summary>
    public static QuotaJournalBatch All(TenantQuotaState state) =>
        new(state.LastSequence, state.TreeVersion, [.. state.Tenants.Values], [], [.. state.Requests.Values], [], []);

    /// <summary>The state held in <paramref name="snapshot"/>, its idempotency index and pending counts rebuilt from the requests.</summary>
    public static TenantQuotaState StateOf(QuotaJournalSnapshot snapshot) => new TenantQuotaState
    {
        Tenants = snapshot.Tenants.ToImmutableDictionary(t => t.TenantId, StringComparer.Ordinal),
        Requests = snapshot.Requests.ToImmutableDictionary(r => r.RequestId, StringComparer.Ordinal),
        IdempotencyKeys = snapshot.Requests.ToImmutableDictionary(r => QuotaBook.KeyOf(r.TenantId, r.IdempotencyKey), r => r.RequestId, StringComparer.Ordinal),
        LastSequence = snapshot.LastSequence,
        TreeVersion = snapshot.TreeVersion,
    }.Indexed();
}
