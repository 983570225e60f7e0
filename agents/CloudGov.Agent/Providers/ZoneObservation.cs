namespace CloudGov.Agent.Providers;

/// <summary>What a provider saw in its zone at one moment.</summary>
public sealed record ZoneObservation(
    ResourceVector Capacity,
    ResourceVector Usage,
    IReadOnlyList<WorkloadReport> Workloads,
    IReadOnlyList<PostureFact> Posture,
    bool Degraded);
