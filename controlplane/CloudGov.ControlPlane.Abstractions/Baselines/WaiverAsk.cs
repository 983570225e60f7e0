namespace CloudGov.ControlPlane.Abstractions.Baselines;

/// <summary>A validated waiver request: exactly one of zone and workload; the tenant is the workload's (empty for a zone).</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.WaiverAsk")]
public sealed record WaiverAsk(
    [property: Id(0)] string RuleId,
    [property: Id(1)] string ZoneId,
    [property: Id(2)] string WorkloadId,
    [property: Id(3)] string TenantId,
    [property: Id(4)] string Reason,
    [property: Id(5)] DateTimeOffset ExpiresAt,
    [property: Id(6)] string IdempotencyKey,
    [property: Id(7)] string RequestedBy);
