using CloudGov.ControlPlane.Abstractions.Tenants;

namespace CloudGov.ControlPlane.Grains.Tenants;

/// <summary>The quota grain's stored state: the hierarchy, the requests, and the idempotency index. Ids never reused.</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.TenantQuotaState")]
public sealed record TenantQuotaState
{
    /// <summary>The stored shape's version.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The version this state was written with.</summary>
    [Id(0)] public int Version { get; init; } = CurrentVersion;

    /// <summary>Every tenant by id.</summary>
    [Id(1)] public ImmutableDictionary<string, TenantNode> Tenants { get; init; } = ImmutableDictionary<string, TenantNode>.Empty;

    /// <summary>Every retained request by id.</summary>
    [Id(2)] public ImmutableDictionary<string, QuotaRequestRecord> Requests { get; init; } = ImmutableDictionary<string, QuotaRequestRecord>.Empty;

    /// <summary>Request id by idempotency index key (<see cref="QuotaBook.KeyOf"/>).</summary>
    [Id(3)] public ImmutableDictionary<string, string> IdempotencyKeys { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The last request sequence handed out.</summary>
    [Id(4)] public long LastSequence { get; init; }

    /// <summary>Raised by every change of the hierarchy's allocations or shape.</summary>
    [Id(5)] public long TreeVersion { get; init; }

    /// <summary>
    /// Pending requests per tenant, derived from <see cref="Requests"/> and kept by <see cref="QuotaBook"/> (so a request
    /// is checked against its tenant's pending limit without a scan of every retained request). Not stored: rebuilt by
    /// <see cref="Indexed"/> whenever state is read.
    /// </summary>
    [field: NonSerialized]
    public ImmutableDictionary<string, int> PendingByTenant { get; init; } = ImmutableDictionary<string, int>.Empty;

    /// <summary>
    /// The decided requests of <see cref="Requests"/> in retention order (lowest sequence first), derived and kept by
    /// <see cref="QuotaBook"/> like <see cref="PendingByTenant"/>, so the retention drops the oldest decided request
    /// without a scan of the book. Not stored: rebuilt by <see cref="Indexed"/>.
    /// </summary>
    [field: NonSerialized]
    public ImmutableSortedSet<RetainedRequest> Decided { get; init; } = ImmutableSortedSet.Create(RetainedRequest.Order);

    [NonSerialized] private TenantChildIndex? _children;

    /// <summary>
    /// The direct children of every tenant in <see cref="Tenants"/>. Not stored: built on first use, and rebuilt whenever
    /// <see cref="Tenants"/> is not the dictionary the held index answers for (a state copied with other tenants carries
    /// the old index along, which is then never used).
    /// </summary>
    internal TenantChildIndex Children
    {
        get
        {
            var index = _children;
            if (index is null || !ReferenceEquals(index.For, Tenants))
            {
                _children = index = TenantChildIndex.Build(Tenants);
            }

            return index;
        }
    }

    /// <summary>
    /// This state with <see cref="Tenants"/> holding <paramref name="after"/> in place of <paramref name="before"/> (the
    /// same id and parent: only its allocation or name changed): the children index, and the children's sums it knows,
    /// carry over instead of being rebuilt.
    /// </summary>
    internal TenantQuotaState WithSameShape(TenantNode before, TenantNode after, long treeVersion)
    {
        var tenants = Tenants.SetItem(after.TenantId, after);
        var carried = _children is { } index && ReferenceEquals(index.For, Tenants) ? index.Carried(tenants, before, after) : null;
        var next = this with { Tenants = tenants, TreeVersion = treeVersion };
        next._children = carried;
        return next;
    }

    /// <summary>This state with <see cref="PendingByTenant"/> and <see cref="Decided"/> rebuilt from the requests.</summary>
    public TenantQuotaState Indexed() => this with
    {
        PendingByTenant = Requests.Values.Where(r => r.IsPending).GroupBy(r => r.TenantId, StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
        Decided = Requests.Values.Where(r => !r.IsPending).Select(RetainedRequest.Of).ToImmutableSortedSet(RetainedRequest.Order),
    };
}

/// <summary>A decided request's place in the retention order: by sequence, then by id (sequences do not repeat).</summary>
public readonly record struct RetainedRequest(long Sequence, string RequestId)
{
    /// <summary>Oldest first.</summary>
    public static IComparer<RetainedRequest> Order { get; } = Comparer<RetainedRequest>.Create(static (a, b) =>
    {
        int bySequence = a.Sequence.CompareTo(b.Sequence);
        return bySequence != 0 ? bySequence : string.CompareOrdinal(a.RequestId, b.RequestId);
    });

    /// <summary>The place of <paramref name="request"/>.</summary>
    public static RetainedRequest Of(QuotaRequestRecord request) => new(request.Sequence, request.RequestId);
}
