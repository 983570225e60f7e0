namespace CloudGov.ControlPlane.Abstractions.Baselines;

/// <summary>An approved waiver of one rule on one zone, as the zone grain keeps it: not enforced before <see cref="ExpiresAt"/>.</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.ZoneWaiver")]
public sealed record ZoneWaiver(
    [property: Id(0)] string WaiverId,
    [property: Id(1)] string RuleId,
    [property: Id(2)] DateTimeOffset ExpiresAt);
