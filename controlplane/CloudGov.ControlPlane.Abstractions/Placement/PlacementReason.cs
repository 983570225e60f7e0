namespace CloudGov.ControlPlane.Abstractions.Placement;

/// <summary>Why a filter rejects a zone (or why nothing fits): the filter, a stable code, and text in English and Chinese (zh-CN).</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.PlacementReason")]
public sealed record PlacementReason(
    [property: Id(0)] string Filter,
    [property: Id(1)] string Code,
    [property: Id(2)] string English,
    [property: Id(3)] string Chinese);
