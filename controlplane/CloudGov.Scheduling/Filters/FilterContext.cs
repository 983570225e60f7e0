using CloudGov.Scheduling.Model;

namespace CloudGov.Scheduling.Filters;

/// <summary>One question a filter or score answers: may (or how well does) this workload go to this zone now?</summary>
/// <param name="Workload">The workload to place or move.</param>
/// <param name="ZoneIndex">The candidate zone's index in the snapshot.</param>
/// <param name="Zone">The candidate zone.</param>
/// <param name="Cluster">The allocation state to judge against.</param>
/// <param name="IsMigration">True when the workload moves from another zone (rebalancing), false for a new placement.</param>
/// <param name="SourceZone">The zone a migrating workload leaves; null for a placement.</param>
public readonly record struct FilterContext(
    WorkloadSnapshot Workload,
    int ZoneIndex,
    ZoneSnapshot Zone,
    IClusterView Cluster,
    bool IsMigration,
    ZoneSnapshot? SourceZone = null);
