namespace CloudGov.ControlPlane.Abstractions.Zones;

/// <summary>
/// One validated report of a zone. Idempotent by <see cref="Sequence"/>. <see cref="DegradedReason"/>: why the agent
/// found the zone impaired (its cloud API failing, throttling, timing out), as it said; null when not degraded.
/// </summary>
[GenerateSerializer, Immutable, Alias("cloudgov.ZoneReportData")]
public sealed record ZoneReportData(
    [property: Id(0)] ulong Sequence,
    [property: Id(1)] DateTimeOffset ObservedAt,
    [property: Id(2)] ResourceVector Capacity,
    [property: Id(3)] ResourceVector Usage,
    [property: Id(4)] ImmutableArray<WorkloadObservation> Workloads,
    [property: Id(5)] ImmutableArray<PostureFact> Posture,
    [property: Id(6)] bool Degraded,
    // Id 40: the provider-health field (kept apart from the ids other work adds next); null in reports stored before it.
    [property: Id(40)] string? DegradedReason = null);
