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
    [property: Id(6)] WorkloadState State)
{
    /// <summary>The cloud's labels (tags) on the workload, ordered by key; <c>cloudgov.io/</c> keys carry intent.</summary>
    [Id(7)] public ImmutableArray<WorkloadLabel> Labels { get; init; } = [];

    /// <summary>The access-control policy the zone applies to the workload as its agent read it back; null when the provider cannot tell.</summary>
    [Id(8)] public AccessPolicy? AccessPolicy { get; init; }

    /// <summary>True when the facts the ledger reconciles (requests, level, state, labels, access policy) equal <paramref name="other"/>'s.</summary>
    public bool SameFacts(WorkloadObservation other) =>
        ReferenceEquals(this, other) || (other is not null
        && Requests == other.Requests
        && MlpsLevel == other.MlpsLevel
        && State == other.State
        && string.Equals(TenantId, other.TenantId, StringComparison.Ordinal)
        && string.Equals(System, other.System, StringComparison.Ordinal)
        && EqualityComparer<AccessPolicy?>.Default.Equals(AccessPolicy, other.AccessPolicy)
        && (Labels == other.Labels || (Labels.IsDefault ? [] : Labels).AsSpan().SequenceEqual((other.Labels.IsDefault ? [] : other.Labels).AsSpan())));
}
