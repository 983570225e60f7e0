namespace CloudGov.ControlPlane.Abstractions.Zones;

/// <summary>A workload as the zone's agent last reported it.</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.WorkloadObservation")]
public sealed record WorkloadObservation(
    [property: Id(0)] string WorkloadId,
    [property: Id(1)] string TenantId,
    [property: Id(2)] string System,
    [property: Id(3)] ResourceVector Requests,
    [property: Id(4)] ResourceVector Usage,
    [property: Id(5)] MlpsLevel MlpsLevel,
    [property: Id(6)] WorkloadState State);
