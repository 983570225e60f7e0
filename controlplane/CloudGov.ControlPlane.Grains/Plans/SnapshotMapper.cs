using System.Globalization;
using CloudGov.Scheduling.Model;

namespace CloudGov.ControlPlane.Grains.Plans;

/// <summary>
/// Maps what the control plane knows — the zones' summaries and the ledger's records — to the scheduler's
/// <see cref="CloudSnapshot"/>. Pure. Every constraint comes from the record's registered intent: level, residency,
/// network plane, anti-affinity, pinning, priority, migration cost. A workload counts where a zone reports it (the
/// recorded zone first), with the requests reported there; a placement under way counts in its zone until its deadline.
/// Only managed, unpinned workloads that run where recorded (in sync or violating their intent), are Running and are not
/// being moved are movable; an unmanaged (adopted) workload is pinned and given no constraint beyond where it runs.
/// </summary>
public static class SnapshotMapper
{
    /// <summary>The descriptor label a zone may carry to set its own target utilization, e.g. <c>0.75</c>.</summary>
    public const string TargetUtilizationLabel = "cloudgov.io/target-utilization";

    /// <summary>
    /// Builds the snapshot. Zones never reported (zero capacity) or with an invalid region code are left out, and so are
    /// records that count in no such zone. Records that cannot be used are skipped and named in <paramref name="skipped"/>.
    /// </summary>
    public static CloudSnapshot Map(
        IReadOnlyList<ZoneSummary> zones,
        IReadOnlyList<WorkloadRecord> records,
        DateTimeOffset now,
        TimeSpan stalenessWindow,
        double defaultTargetUtilization,
        List<string>? skipped = null)
    {
        ArgumentNullException.ThrowIfNull(zones);
        ArgumentNullException.ThrowIfNull(records);
        var zoneSnapshots = new List<ZoneSnapshot>(zones.Count);
        var byId = new Dictionary<string, ZoneSnapshot>(StringComparer.Ordinal);
        foreach (var zone in zones)
        {
            if (zone.Capacity.IsZero || !RegionCodes.IsValidZoneCode(zone.Descriptor.RegionCode) || byId.ContainsKey(zone.ZoneId))
            {
                continue;
            }

            var snapshot = ToZone(zone, now, stalenessWindow, defaultTargetUtilization);
            if ((ZoneProblem(snapshot) ?? SchedulerProblem(SnapshotValidator.Zone(snapshot))) is { } zoneProblem)
            {
                // Data an earlier release let in (or a bug): this zone sits out the round, the rest of the cloud does not.
                skipped?.Add($"zone {WireText.Excerpt(zone.ZoneId)}: {zoneProblem}");
                continue;
            }

            zoneSnapshots.Add(snapshot);
            byId[zone.ZoneId] = snapshot;
        }

        var workloads = new List<WorkloadSnapshot>(records.Count);
        var workloadIds = new HashSet<string>(records.Count, StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (ToWorkload(record, byId, now) is { } workload)
            {
                if ((Problem(workload) ?? SchedulerProblem(SnapshotValidator.Workload(workload)) ?? (workloadIds.Add(workload.Id) ? null : "appears twice")) is { } problem)
                {
                    skipped?.Add($"{WireText.Excerpt(record.WorkloadId)}: {problem}");
                    continue;
                }

                workloads.Add(workload);
            }
        }

        return CloudSnapshot.Create(zoneSnapshots, workloads);
    }

    /// <summary>One zone summary as the scheduler sees it.</summary>
    public static ZoneSnapshot ToZone(ZoneSummary zone, DateTimeOffset now, TimeSpan stalenessWindow, double defaultTargetUtilization)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var d = zone.Descriptor;
        var status = zone.EffectiveStatus(now, stalenessWindow);
        string? evacuation = EvacuationRuleOf(zone, now);

        // A zone evacuated by the security baseline is draining for the scheduler (its movable workloads must leave and it
        // receives nothing) while its agent can carry out commands; its own status (Ready, Quarantined) is not changed.
        if (evacuation is not null && status is ZoneStatus.Ready or ZoneStatus.Degraded or ZoneStatus.Quarantined)
        {
            status = ZoneStatus.Draining;
        }

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
            Status = status,
            BaselineBlocks = BaselineBlocksOf(zone, now),
            EvacuationRule = status == ZoneStatus.Draining ? evacuation : null,
        };
    }

    /// <summary>The enforced, unwaived (at <paramref name="now"/>) rule with the evacuate action the zone violates (first by id), or null.</summary>
    public static string? EvacuationRuleOf(ZoneSummary zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(zone);
        string? rule = null;
        foreach (var block in zone.BaselineBlocks.IsDefault ? [] : zone.BaselineBlocks)
        {
            if (block.Evacuate && block.InForce(now) && (rule is null || string.CompareOrdinal(block.RuleId, rule) < 0))
            {
                rule = block.RuleId;
            }
        }

        return rule;
    }

    /// <summary>Per MLPS level 1-4, the enforced baseline rule blocking the zone at <paramref name="now"/> (waivers checked then), or none.</summary>
    public static ImmutableArray<string?> BaselineBlocksOf(ZoneSummary zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (zone.BaselineBlocks.IsDefaultOrEmpty)
        {
            return [];
        }

        var blocks = new string?[4];
        bool any = false;
        for (int level = 1; level <= 4; level++)
        {
            foreach (var block in zone.BaselineBlocks)
            {
                if (block.Blocks((MlpsLevel)level, now))
                {
                    blocks[level - 1] = block.RuleId;
                    any = true;
                    break;
                }
            }
        }

        return any ? [.. blocks] : [];
    }

    /// <summary>The target utilization of a zone: its label, else the default.</summary>
    public static double TargetOf(ZoneDescriptor d, double fallback)
    {
        ArgumentNullException.ThrowIfNull(d);
        return d.Labels.TryGetValue(TargetUtilizationLabel, out var text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var target)
            && target > 0 && target <= 1
            ? target
            : fallback;
    }

    /// <summary>One record as the scheduler sees it, or null when it counts in no zone of the snapshot.</summary>
    public static WorkloadSnapshot? ToWorkload(WorkloadRecord record, IReadOnlyDictionary<string, ZoneSnapshot> zones, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(zones);
        var intent = record.Intent;
        ObservedPlacement? observed = record.ObservedIn(record.ZoneId);
        if (observed is null)
        {
            foreach (var o in record.Observed)
            {
                if (zones.ContainsKey(o.ZoneId))
                {
                    observed = o;
                    break;
                }
            }
        }

        string? zoneId = observed?.ZoneId;
        bool reservation = false;
        if (observed is null)
        {
            if (record.Placing is not { } placing || now > placing.Deadline || record.ZoneId is null)
            {
                return null;
            }

            zoneId = record.ZoneId;
            reservation = true;
        }

        if (zoneId is null || !zones.TryGetValue(zoneId, out var zone))
        {
            return null;
        }

        bool movable = record.Managed
            && !intent.Pinned
            && !reservation
            && observed!.State == WorkloadState.Running
            && record.Moving is null
            && zoneId == record.ZoneId
            && record.State is ReconciliationState.InSync or ReconciliationState.Violating;
        var level = record.Managed ? intent.MlpsLevel : (observed?.MlpsLevel ?? intent.MlpsLevel);
        return new WorkloadSnapshot
        {
            Id = record.WorkloadId,
            TenantId = intent.TenantId,
            SystemId = intent.System,
            Requests = observed?.Requests ?? intent.Requests,
            RequiredLevel = level == MlpsLevel.Unspecified ? zone.MlpsLevel : level,
            AllowedRegions = record.Managed && !intent.AllowedRegions.IsDefault ? intent.AllowedRegions : [],
            NetworkPlane = record.Managed && intent.NetworkPlane != NetworkPlane.Unspecified ? intent.NetworkPlane : zone.NetworkPlane,
            Movable = movable,
            MigrationCost = intent.MigrationCost,
            Priority = intent.Priority,
            AntiAffinityGroup = string.IsNullOrWhiteSpace(intent.AntiAffinityGroup) ? null : intent.AntiAffinityGroup,
            CurrentZoneId = zoneId,
            LastMovedAt = record.LastPlacedAt,
        };
    }

    /// <summary>Why the scheduler cannot use zone <paramref name="z"/>, or null (the checks <see cref="CloudSnapshot.Create"/> makes, and the ceilings).</summary>
    private static string? ZoneProblem(ZoneSnapshot z)
    {
        if (!ZoneId.IsValid(z.Id))
        {
            return "malformed zone id";
        }

        if (!Enum.IsDefined(z.MlpsLevel) || z.MlpsLevel == MlpsLevel.Unspecified || !Enum.IsDefined(z.NetworkPlane) || z.NetworkPlane == NetworkPlane.Unspecified)
        {
            return "MLPS level or network plane not set";
        }

        if (!z.Capacity.IsNonNegative || !z.Capacity.FitsWithin(ZoneLimits.MaxCapacity))
        {
            return "capacity negative or above the ceiling";
        }

        if (!(z.TargetUtilization > 0 && z.TargetUtilization <= 1.0) || !z.OverCommit.IsValid || !(z.UnitCost > 0 && double.IsFinite(z.UnitCost)))
        {
            return "target utilization, over-commit or unit cost out of range";
        }

        return null;
    }

    /// <summary>The scheduler's own per-item rule that failed (field and what is wrong), so the round never fails on it.</summary>
    private static string? SchedulerProblem(SnapshotProblem? problem) => problem is null ? null : $"{problem.Field}: {problem.Message}";

    /// <summary>Why the scheduler cannot use <paramref name="w"/>, or null.</summary>
    private static string? Problem(WorkloadSnapshot w)
    {
        if (string.IsNullOrWhiteSpace(w.Id))
        {
            return "blank workload id";
        }

        if (string.IsNullOrWhiteSpace(w.TenantId))
        {
            return "no tenant";
        }

        if (!Enum.IsDefined(w.RequiredLevel) || w.RequiredLevel == MlpsLevel.Unspecified || !Enum.IsDefined(w.NetworkPlane) || w.NetworkPlane == NetworkPlane.Unspecified)
        {
            return "MLPS level or network plane not set";
        }

        if (!w.Requests.IsNonNegative)
        {
            return "negative requests";
        }

        if (!w.Requests.FitsWithin(WireLimits.MaxWorkloadResources))
        {
            return "requests above the per-workload ceiling";
        }

        if (!double.IsFinite(w.MigrationCost) || w.MigrationCost < 0)
        {
            return "migration cost not a non-negative number";
        }

        return w.AllowedRegions.Any(r => !RegionCodes.IsValidResidencyEntry(r)) ? "a residency entry is not 2, 4 or 6 digits" : null;
    }
}
