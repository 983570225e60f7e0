namespace CloudGov.ControlPlane.Abstractions.Baselines;

/// <summary>A validated findings filter (empty strings and nulls match everything), ordered by id, after <see cref="After"/>.</summary>
/// <param name="TenantIds">Only workload findings of these tenants (a subtree); default = every finding.</param>
[GenerateSerializer, Immutable, Alias("cloudgov.FindingQuery")]
public sealed record FindingQuery(
    [property: Id(0)] string ZoneId,
    [property: Id(1)] string WorkloadId,
    [property: Id(2)] ImmutableArray<string> TenantIds,
    [property: Id(3)] string RuleId,
    [property: Id(4)] int MinSeverity,
    [property: Id(5)] bool? Open,
    [property: Id(6)] string After,
    [property: Id(7)] int Limit);
