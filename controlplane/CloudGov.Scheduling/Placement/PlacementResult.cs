using CloudGov.Scheduling.Filters;

namespace CloudGov.Scheduling.Placement;

/// <summary>
/// The outcome of placing a new workload: the chosen zone and the scores that chose it, every eligible zone in
/// rank order, and every rejected zone with its reasons. When nothing fits, <see cref="ZoneId"/> is null and
/// <see cref="Summary"/> carries <see cref="ReasonCodes.NoZoneFits"/>.
/// </summary>
public sealed record PlacementResult(
    string WorkloadId,
    string? ZoneId,
    IReadOnlyList<ZoneCandidate> Candidates,
    IReadOnlyList<ZoneRejection> Rejections,
    Rejection? Summary)
{
    /// <summary>True when a zone was chosen.</summary>
    public bool Placed => ZoneId is not null;

    /// <summary>The chosen zone's scores, or null when nothing fits.</summary>
    public ZoneCandidate? Chosen => Placed ? Candidates[0] : null;
}
