namespace CloudGov.ControlPlane.Abstractions.Baselines;

/// <summary>One violation of one rule by one subject (rule × zone × workload), over its lifetime, as stored.</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.FindingRecord")]
public sealed record FindingRecord(
    [property: Id(0)] string FindingId,
    [property: Id(1)] string RuleId,
    [property: Id(2)] string ZoneId,
    [property: Id(3)] string WorkloadId,
    [property: Id(4)] string TenantId,
    [property: Id(5)] int Severity,
    [property: Id(6)] bool Open,
    [property: Id(7)] DateTimeOffset FirstSeen,
    [property: Id(8)] DateTimeOffset LastSeen,
    [property: Id(9)] DateTimeOffset? ResolvedAt,
    [property: Id(10)] ImmutableArray<BaselineEvidence> Evidence,
    [property: Id(11)] string Message,
    [property: Id(12)] bool Enforced,
    [property: Id(13)] int Occurrences,
    [property: Id(14)] byte Levels);
