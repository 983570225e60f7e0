using CloudGov.Scheduling.Model;

namespace CloudGov.ControlPlane.Grains.Plans;

/// <summary>What <see cref="OneCloudSnapshotReader"/> read.</summary>
/// <param name="Zones">Every zone's summary, fresh from the zone grains that answered (the index's otherwise).</param>
/// <param name="Records">Every ledger record.</param>
/// <param name="Snapshot">The scheduler's snapshot; null when it could not be built.</param>
/// <param name="Problem">Why there is no snapshot; empty when there is one.</param>
/// <param name="Skipped">Records the snapshot left out, each with why (they are not scheduled this round).</param>
internal sealed record OneCloudReading(
    ImmutableArray<ZoneSummary> Zones,
    ImmutableArray<WorkloadRecord> Records,
    CloudSnapshot? Snapshot,
    string Problem,
    ImmutableArray<string> Skipped);
