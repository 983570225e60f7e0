namespace CloudGov.ControlPlane.Abstractions.Placement;

/// <summary>A new workload to place and the constraints its zone must meet.</summary>
/// <param name="WorkloadId">The workload's id: 1-128 characters, no whitespace; must not run or be reserved anywhere yet.</param>
/// <param name="TenantId">The owning tenant (department): 1-128 characters, no whitespace.</param>
/// <param name="System">The business system it belongs to; may be empty, at most 128 characters.</param>
/// <param name="Requests">Requested resources: CPU and memory above zero, nothing negative.</param>
/// <param name="MlpsLevel">The MLPS level it requires; the zone must be certified at this level or higher.</param>
/// <param name="NetworkPlane">The network plane it must run in.</param>
/// <param name="AllowedRegions">Region codes (2, 4 or 6 digits, matched by significant prefix) it may live in; empty means anywhere.</param>
[GenerateSerializer, Immutable, Alias("cloudgov.PlacementRequest")]
public sealed record PlacementRequest(
    [property: Id(0)] string WorkloadId,
    [property: Id(1)] string TenantId,
    [property: Id(2)] string System,
    [property: Id(3)] ResourceVector Requests,
    [property: Id(4)] MlpsLevel MlpsLevel,
    [property: Id(5)] NetworkPlane NetworkPlane,
    [property: Id(6)] ImmutableArray<string> AllowedRegions);
