using System.Globalization;
using CloudGov.Scheduling.Model;

namespace CloudGov.ControlPlane.Grains.Plans;

/// <summary>
/// Maps what the control plane knows (the one-cloud index's summaries and each zone's observed workloads) to the
/// scheduler's <see cref="CloudSnapshot"/>. Pure. Observations carry no residency or plane, so a workload is taken to
/// require its current zone's network plane and to be resident anywhere in its current province; workloads not
/// Running are pinned (the rebalancer never moves them). A workload placed into its zone by a command (a completed
/// move, or a new placement) carries that time as its last move, so the rebalancer's cooldown applies to it.
/// </summary>
public static class SnapshotMapper
{
    /// <summary>The descriptor label a zone may carry to set its own target utilization, e.g. <c>0.75</c>.</summary>
    public const string TargetUtilizationLabel = "cloudgov.io/target-utilization";

    /// <summary>
    /// Builds the snapshot. Zones never reported (zero capacity) or with an invalid region code are left out with their
    /// workloads. <paramref name="placedAt"/> gives, per zone, when workloads were last placed into it.
    /// </summary>
    public static CloudSnapshot Map(
        IReadOnlyList<ZoneSummary> zones,
        IReadOnlyDictionary<string, ImmutableArray<WorkloadObservation>> workloads,
        DateTimeOffset now,
        TimeSpan stalenessWindow,
        double defaultTargetUtilization,
        IReadOnlyDictionary<string, ImmutableDictionary<string, DateTimeOffset>>? placedAt = null)
    {
        ArgumentNullException.ThrowIfNull(zones);
        ArgumentNullException.ThrowIfNull(workloads);
        var zoneSnapshots = new List<ZoneSnapshot>(zones.Count);
        var workloadSnapshots = new List<WorkloadSnapshot>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var zone in zones)
        {
            var d = zone.Descriptor;
            if (zone.Capacity.IsZero || !RegionCodes.IsValidZoneCode(d.RegionCode))
            {
                continue;
            }

            zoneSnapshots.Add(ToZone(zone, now, stalenessWindow, defaultTargetUtilization));
            if (!workloads.TryGetValue(zone.ZoneId, out var observed))
            {
                continue;
            }

            var placed = placedAt?.GetValueOrDefault(zone.ZoneId);
            foreach (var w in observed)
            {
                // A workload reported by two zones (mid-migration) counts once, where it was seen first.
                if (seen.Add(w.WorkloadId))
                {
                    var snapshot = ToWorkload(w, zone);
                    if (placed is not null && placed.TryGetValue(w.WorkloadId, out var at))
                    {
                        snapshot = snapshot with { LastMovedAt = at };
                    }

                    workloadSnapshots.Add(snapshot);
                }
            }
        }

        return CloudSnapshot.Create(zoneSnapshots, workloadSnapshots);
    }

    /// <summary>One zone summary as the scheduler sees it.</summary>
    public static ZoneSnapshot ToZone(ZoneSummary zone, DateTimeOffset now, TimeSpan stalenessWindow, double defaultTargetUtilization)
    {
        var d = zone.Descriptor;
        return new ZoneSnapshot
        {
            Id = zone.ZoneId,
            DisplayName = d.DisplayName,
            AdministrativeLevel = d.AdministrativeLevel,
            RegionCode = d.RegionCode,
            Provider = d.Provider,
            MlpsLevel = d.MlpsLevel,
            NetworkPlane = d.NetworkPlane,
            Capacity = zone.Capacity,
            OverCommit = new OverCommit(Math.Max(1, d.CpuOvercommit), Math.Max(1, d.MemoryOvercommit)),
            TargetUtilization = TargetOf(d, defaultTargetUtilization),
            Status = zone.EffectiveStatus(now, stalenessWindow),
        };
    }

    /// <summary>One observed workload as the scheduler sees it, in <paramref name="zone"/>.</summary>
    public static WorkloadSnapshot ToWorkload(WorkloadObservation w, ZoneSummary zone) => new()
    {
        Id = w.WorkloadId,
        TenantId = w.TenantId,
        SystemId = w.System,
        Requests = w.Requests,
        Usage = w.Usage,
        RequiredLevel = w.MlpsLevel,
        AllowedRegions = [zone.Descriptor.RegionCode[..2]],
        NetworkPlane = zone.Descriptor.NetworkPlane,
        Movable = w.State == WorkloadState.Running,
        CurrentZoneId = zone.ZoneId,
    };

    private static double TargetOf(ZoneDescriptor d, double fallback) =>
        d.Labels.TryGetValue(TargetUtilizationLabel, out var text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var target)
            && target > 0 && target <= 1
            ? target
            : fallback;
}
