namespace CloudGov.ControlPlane.Abstractions.Ledger;

/// <summary>
/// What a zone grain tells one ledger shard about the shard's workloads in the zone, as of a report sequence. A full
/// sync carries every such workload the zone reports (records the shard saw there before and that are absent are gone);
/// a delta carries only what changed since the last sync.
/// </summary>
/// <param name="ZoneId">The zone.</param>
/// <param name="Facts">The zone's level, region and plane, for the intent checks.</param>
/// <param name="Sequence">The report sequence the sync reflects; an older one than the shard applied changes nothing.</param>
/// <param name="At">When the control plane received that report.</param>
/// <param name="Full">True for a full sync.</param>
/// <param name="Upserts">Workloads new in the zone or with changed facts (all of the shard's, for a full sync).</param>
/// <param name="Gone">Workloads the zone no longer reports.</param>
/// <param name="Missing">Workloads the zone was expected to report and has not, for the configured number of reports.</param>
/// <param name="FailedPlacements">Place commands the zone's agent refused or failed.</param>
[GenerateSerializer, Immutable, Alias("cloudgov.ZoneSync")]
public sealed record ZoneSync(
    [property: Id(0)] string ZoneId,
    [property: Id(1)] ZoneFacts Facts,
    [property: Id(2)] ulong Sequence,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] bool Full,
    [property: Id(5)] ImmutableArray<WorkloadObservation> Upserts,
    [property: Id(6)] ImmutableArray<string> Gone,
    [property: Id(7)] ImmutableArray<string> Missing,
    [property: Id(8)] ImmutableArray<PlacementFailure> FailedPlacements);
