namespace CloudGov.ControlPlane.Abstractions.Baselines;

/// <summary>A fact that decided a baseline verdict, as stored.</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.BaselineEvidence")]
public sealed record BaselineEvidence(
    [property: Id(0)] string Key,
    [property: Id(1)] string Observed,
    [property: Id(2)] string Expected);
