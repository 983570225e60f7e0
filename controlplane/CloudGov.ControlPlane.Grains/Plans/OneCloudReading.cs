using CloudGov.Scheduling.Model;

namespace CloudGov.ControlPlane.Grains.Plans;

/// <summary>What <see cref="OneCloudSnapshotReader"/> read.</summary>
/// <param name="Zones">Every zone's summary, as the index holds it.</param>
/// <param name="Workloads">The observed workloads of each zone that has reported, by zone id.</param>
/// <param name="Snapshot">The scheduler's snapshot; null when what the zones reported is inconsistent.</param>
/// <param name="Problem">Why there is no snapshot; empty when there is one.</param>
internal sealed record OneCloudReading(
    ImmutableArray<ZoneSummary> Zones,
    IReadOnlyDictionary<string, ImmutableArray<WorkloadObservation>> Workloads,
    CloudSnapshot? Snapshot,
    string Problem);
