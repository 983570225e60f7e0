namespace CloudGov.ControlPlane.Abstractions.Ledger;

/// <summary>
/// One workload's ledger record (一本账): its intent, where it should run and since when, where zones report it,
/// its reconciliation state and its history. The single source of truth the scheduler reads constraints from.
/// </summary>
[GenerateSerializer, Immutable, Alias("cloudgov.WorkloadRecord")]
public sealed record WorkloadRecord
{
    /// <summary>The stored shape's version; raise it when the meaning of a field changes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The version this record was written with.</summary>
    [Id(0)] public int Version { get; init; } = CurrentVersion;

    /// <summary>The intent (for an unmanaged record: what its zone reported; pinned).</summary>
    [Id(1)] public required WorkloadSpec Intent { get; init; }

    /// <summary>True once the intent is registered: by placement, an operator, or the zone's intent labels.</summary>
    [Id(2)] public bool Managed { get; init; }

    /// <summary>Where it should run; null while it has no placement.</summary>
    [Id(3)] public string? ZoneId { get; init; }

    /// <summary>Since when it should run in <see cref="ZoneId"/>.</summary>
    [Id(4)] public DateTimeOffset? ZoneSince { get; init; }

    /// <summary>When CloudGov last placed or moved it (drives the rebalancer's cooldown); null if never.</summary>
    [Id(5)] public DateTimeOffset? LastPlacedAt { get; init; }

    /// <summary>Where zones report it now, ordered by zone id (two while a move is in flight).</summary>
    [Id(6)] public ImmutableArray<ObservedPlacement> Observed { get; init; } = [];

    /// <summary>The reconciliation state.</summary>
    [Id(7)] public ReconciliationState State { get; init; }

    /// <summary>Why, in words.</summary>
    [Id(8)] public string StateDetail { get; init; } = "";

    /// <summary>A placement under way, until the zone reports it, says it failed, or its deadline passes.</summary>
    [Id(9)] public PendingPlacement? Placing { get; init; }

    /// <summary>A plan's move under way.</summary>
    [Id(10)] public MoveInFlight? Moving { get; init; }

    /// <summary>True once its recorded zone has not reported it for the configured number of reports.</summary>
    [Id(11)] public bool MissingInZone { get; init; }

    /// <summary>What happened to it, oldest first (bounded).</summary>
    [Id(12)] public ImmutableArray<LedgerEvent> History { get; init; } = [];

    /// <summary>When the record last changed.</summary>
    [Id(13)] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The workload's id.</summary>
    public string WorkloadId => Intent.WorkloadId;

    /// <summary>The observation from <paramref name="zoneId"/>, or null.</summary>
    public ObservedPlacement? ObservedIn(string? zoneId)
    {
        if (zoneId is null)
        {
            return null;
        }

        foreach (var o in Observed)
        {
            if (string.Equals(o.ZoneId, zoneId, StringComparison.Ordinal))
            {
                return o;
            }
        }

        return null;
    }

    /// <summary>The zone it counts in for the one-cloud view: where it should run, else where it is seen, else empty.</summary>
    public string CountedZone => ZoneId ?? (Observed.IsDefaultOrEmpty ? string.Empty : Observed[0].ZoneId);
}
