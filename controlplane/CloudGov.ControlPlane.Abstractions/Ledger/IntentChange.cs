namespace CloudGov.ControlPlane.Abstractions.Ledger;

/// <summary>One record's intent before and after a change.</summary>
/// <param name="WorkloadId">The workload.</param>
/// <param name="Before">The intent before; null for a new record.</param>
/// <param name="After">The intent after.</param>
/// <param name="Registers">True when it registers an unmanaged record's intent or creates a record.</param>
[GenerateSerializer, Immutable, Alias("cloudgov.IntentChange")]
public sealed record IntentChange(
    [property: Id(0)] string WorkloadId,
    [property: Id(1)] WorkloadSpec? Before,
    [property: Id(2)] WorkloadSpec After,
    [property: Id(3)] bool Registers);
