namespace CloudGov.ControlPlane.Abstractions.Placement;

/// <summary>
/// The cluster's placement of new workloads (key 0): builds the one-cloud snapshot, adds the placements it has
/// commanded but not yet seen reported, asks the scheduler for a zone and sends the zone's agent a place command.
/// Calls run one at a time, so two quick placements never both take the last room.
/// </summary>
[Alias("cloudgov.IPlacementGrain")]
public interface IPlacementGrain : IGrainWithIntegerKey
{
    /// <summary>Places a new workload; a dry run only says where it would go. Nothing changes unless the outcome is Placed.</summary>
    [Alias("Place")]
    Task<PlacementDecision> PlaceAsync(WorkloadSpec spec, bool dryRun);
}
