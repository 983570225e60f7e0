namespace CloudGov.ControlPlane.Abstractions.Ledger;

/// <summary>A placement under way: the place command sent to the recorded zone and when it expires.</summary>
/// <param name="CommandId">The place command.</param>
/// <param name="Deadline">When the command expires; the zone's room is held until then unless it reports the workload.</param>
[GenerateSerializer, Immutable, Alias("cloudgov.PendingPlacement")]
public sealed record PendingPlacement(
    [property: Id(0)] string CommandId,
    [property: Id(1)] DateTimeOffset Deadline);
