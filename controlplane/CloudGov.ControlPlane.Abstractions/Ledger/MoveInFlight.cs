namespace CloudGov.ControlPlane.Abstractions.Ledger;

/// <summary>A plan's move of a workload that has started and not ended.</summary>
/// <param name="PlanId">The plan.</param>
/// <param name="MoveIndex">The move's index in the plan.</param>
/// <param name="FromZoneId">The zone it leaves.</param>
/// <param name="ToZoneId">The zone it goes to.</param>
[GenerateSerializer, Immutable, Alias("cloudgov.MoveInFlight")]
public sealed record MoveInFlight(
    [property: Id(0)] string PlanId,
    [property: Id(1)] int MoveIndex,
    [property: Id(2)] string FromZoneId,
    [property: Id(3)] string ToZoneId);
