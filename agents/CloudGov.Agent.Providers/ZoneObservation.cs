namespace CloudGov.Agent.Providers;

/// <summary>What a provider saw in its zone at one moment.</summary>
/// <param name="Capacity">The zone's capacity.</param>
/// <param name="Usage">The zone's observed usage.</param>
/// <param name="Workloads">Every workload in the zone, with its requests, usage, labels (tags) and access policy as read back.</param>
/// <param name="Posture">Security posture facts for the baseline rules.</param>
/// <param name="Degraded">True when the provider finds the zone impaired (its cloud API failing, throttling, timing out).</param>
/// <param name="DegradedReason">Why, in a line (at most 1,024 characters, no control characters); null when not degraded.</param>
public sealed record ZoneObservation(
    ResourceVector Capacity,
    ResourceVector Usage,
    IReadOnlyList<WorkloadReport> Workloads,
    IReadOnlyList<PostureFact> Posture,
    bool Degraded,
    string? DegradedReason = null);
