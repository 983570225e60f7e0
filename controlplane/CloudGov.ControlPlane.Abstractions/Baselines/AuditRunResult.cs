namespace CloudGov.ControlPlane.Abstractions.Baselines;

/// <summary>What one full baseline audit did.</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.AuditRunResult")]
public sealed record AuditRunResult(
    [property: Id(0)] int Zones,
    [property: Id(1)] int Workloads,
    [property: Id(2)] int Opened,
    [property: Id(3)] int Resolved,
    [property: Id(4)] int OpenFindings,
    [property: Id(5)] ImmutableArray<string> ProposedPlans,
    [property: Id(6)] TimeSpan Took);
