namespace CloudGov.ControlPlane.Abstractions.Ledger;

/// <summary>A workload as one zone reports it: the facts the ledger reconciles against its intent.</summary>
/// <param name="ZoneId">The reporting zone.</param>
/// <param name="Requests">Requests as reported.</param>
/// <param name="MlpsLevel">MLPS level as reported.</param>
/// <param name="State">State as reported.</param>
/// <param name="Sequence">The report sequence these facts were first seen in.</param>
/// <param name="SeenAt">When the control plane received that report.</param>
[GenerateSerializer, Immutable, Alias("cloudgov.ObservedPlacement")]
public sealed record ObservedPlacement(
    [property: Id(0)] string ZoneId,
    [property: Id(1)] ResourceVector Requests,
    [property: Id(2)] MlpsLevel MlpsLevel,
    [property: Id(3)] WorkloadState State,
    [property: Id(4)] ulong Sequence,
    [property: Id(5)] DateTimeOffset SeenAt);
