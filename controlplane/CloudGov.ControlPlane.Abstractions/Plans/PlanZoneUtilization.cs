namespace CloudGov.ControlPlane.Abstractions.Plans;

/// <summary>A zone's predicted utilization before and after a plan, against its target.</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.PlanZoneUtilization")]
public sealed record PlanZoneUtilization(
    [property: Id(0)] string ZoneId,
    [property: Id(1)] double Target,
    [property: Id(2)] UtilizationFigures Before,
    [property: Id(3)] UtilizationFigures After);
