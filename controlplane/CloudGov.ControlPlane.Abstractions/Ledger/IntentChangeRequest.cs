namespace CloudGov.ControlPlane.Abstractions.Ledger;

/// <summary>A change of intent for the records a selector matches, by whom and why.</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.IntentChangeRequest")]
public sealed record IntentChangeRequest(
    [property: Id(0)] WorkloadSelector Selector,
    [property: Id(1)] IntentPatch Patch,
    [property: Id(2)] string By,
    [property: Id(3)] string Reason);
