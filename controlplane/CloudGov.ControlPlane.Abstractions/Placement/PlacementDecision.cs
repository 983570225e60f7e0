namespace CloudGov.ControlPlane.Abstractions.Placement;

/// <summary>What became of a placement request.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="WorkloadId">The workload asked about.</param>
/// <param name="ZoneId">The chosen zone (Placed or WouldPlace); null otherwise.</param>
/// <param name="Candidates">Every eligible zone, best first, with its scores.</param>
/// <param name="Rejections">Every zone that cannot take the workload, with every reason.</param>
/// <param name="Summary">Why nothing was chosen (e.g. <c>NO_ZONE_FITS</c>); null when a zone was chosen.</param>
/// <param name="CommandId">The place command sent to the chosen zone's agent; empty unless Placed.</param>
/// <param name="CommandDeadline">When the place command expires; null unless Placed.</param>
/// <param name="Message">A readable account of the outcome (for AlreadyExists, Invalid and SnapshotUnavailable, the reason).</param>
[GenerateSerializer, Immutable, Alias("cloudgov.PlacementDecision")]
public sealed record PlacementDecision(
    [property: Id(0)] PlacementOutcome Outcome,
    [property: Id(1)] string WorkloadId,
    [property: Id(2)] string? ZoneId,
    [property: Id(3)] ImmutableArray<PlacementCandidate> Candidates,
    [property: Id(4)] ImmutableArray<PlacementZoneRejection> Rejections,
    [property: Id(5)] PlacementReason? Summary,
    [property: Id(6)] string CommandId,
    [property: Id(7)] DateTimeOffset? CommandDeadline,
    [property: Id(8)] string Message)
{
    /// <summary>A decision that went no further than the request (Invalid, AlreadyExists, SnapshotUnavailable).</summary>
    public static PlacementDecision Refused(PlacementOutcome outcome, string workloadId, string message) =>
        new(outcome, workloadId, null, [], [], null, string.Empty, null, message);
}
