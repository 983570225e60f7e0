namespace CloudGov.ControlPlane.Abstractions.Baselines;

/// <summary>A validated waivers filter, newest first, after (older than) waiver <see cref="After"/>.</summary>
/// <param name="TenantIds">Only workload waivers of these tenants (a subtree); default = every waiver.</param>
[GenerateSerializer, Immutable, Alias("cloudgov.WaiverQuery")]
public sealed record WaiverQuery(
    [property: Id(0)] string RuleId,
    [property: Id(1)] string ZoneId,
    [property: Id(2)] string WorkloadId,
    [property: Id(3)] ImmutableArray<string> TenantIds,
    [property: Id(4)] WaiverState State,
    [property: Id(5)] string After,
    [property: Id(6)] int Limit);
