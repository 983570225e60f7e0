namespace CloudGov.ControlPlane.Abstractions.Baselines;

/// <summary>A finding with the waiver in force for it now (empty when none).</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.FindingView")]
public sealed record FindingView(
    [property: Id(0)] FindingRecord Finding,
    [property: Id(1)] string WaiverId);
