using System.Globalization;
using CloudGov.Domain;

namespace CloudGov.Scheduling.Model;

/// <summary>
/// The per-item rules <see cref="CloudSnapshot.Create"/> enforces, usable on their own so that a caller building a
/// snapshot can skip and report a bad zone or workload instead of failing the whole snapshot. Cross-item rules
/// (duplicate ids, a workload in an unknown zone, counts) are checked by <see cref="CloudSnapshot.Create"/> only.
/// </summary>
public static class SnapshotValidator
{
    /// <summary>Why the zone cannot be used, or null when it can.</summary>
    public static SnapshotProblem? Zone(ZoneSnapshot? zone)
    {
        if (zone is null)
        {
            return new SnapshotProblem(SnapshotItemKind.Zone, "", "Zone", "a zone is null");
        }

        string id = ZoneId.IsValid(zone.Id) ? zone.Id : "";
        SnapshotProblem Fail(string field, string message) => new(SnapshotItemKind.Zone, id, field, message);
        if (id.Length == 0)
        {
            return Fail(nameof(ZoneSnapshot.Id), ZoneId.FormatDescription);
        }

        if (!RegionCodes.IsValidZoneCode(zone.RegionCode))
        {
            return Fail(nameof(ZoneSnapshot.RegionCode), "region code is not 6 digits");
        }

        if (zone.MlpsLevel == MlpsLevel.Unspecified || !Enum.IsDefined(zone.MlpsLevel))
        {
            return Fail(nameof(ZoneSnapshot.MlpsLevel), "MLPS level must be set to a defined level (1–4)");
        }

        if (zone.NetworkPlane == NetworkPlane.Unspecified || !Enum.IsDefined(zone.NetworkPlane))
        {
            return Fail(nameof(ZoneSnapshot.NetworkPlane), "network plane must be set to a defined plane");
        }

        if (!Enum.IsDefined(zone.Status))
        {
            return Fail(nameof(ZoneSnapshot.Status), "status is not a defined zone status");
        }

        if (!Enum.IsDefined(zone.AdministrativeLevel))
        {
            return Fail(nameof(ZoneSnapshot.AdministrativeLevel), "administrative level is not a defined level");
        }

        if (!Enum.IsDefined(zone.Provider))
        {
            return Fail(nameof(ZoneSnapshot.Provider), "provider is not a defined provider kind");
        }

        if (!zone.Capacity.IsNonNegative)
        {
            return Fail(nameof(ZoneSnapshot.Capacity), "capacity must not be negative");
        }

        if (!WithinCeiling(zone.Capacity, SnapshotLimits.MaxZoneAmount))
        {
            return Fail(nameof(ZoneSnapshot.Capacity), string.Create(CultureInfo.InvariantCulture, $"capacity must be at most {SnapshotLimits.MaxZoneAmount} in every dimension"));
        }

        if (!(zone.TargetUtilization > 0 && zone.TargetUtilization <= 1.0))
        {
            return Fail(nameof(ZoneSnapshot.TargetUtilization), "target utilization is outside (0, 1]");
        }

        OverCommit oc = zone.OverCommit;
        if (!oc.IsValid || oc.Cpu > SnapshotLimits.MaxOverCommit || oc.Memory > SnapshotLimits.MaxOverCommit
            || oc.Storage > SnapshotLimits.MaxOverCommit || oc.Gpu > SnapshotLimits.MaxOverCommit)
        {
            return Fail(nameof(ZoneSnapshot.OverCommit), string.Create(CultureInfo.InvariantCulture, $"over-commit ratios must be finite and within [1.0, {SnapshotLimits.MaxOverCommit}]"));
        }

        if (!(zone.UnitCost > 0 && double.IsFinite(zone.UnitCost)))
        {
            return Fail(nameof(ZoneSnapshot.UnitCost), "unit cost must be positive");
        }

        return null;
    }

    /// <summary>Why the workload cannot be used, or null when it can.</summary>
    public static SnapshotProblem? Workload(WorkloadSnapshot? workload)
    {
        if (workload is null)
        {
            return new SnapshotProblem(SnapshotItemKind.Workload, "", "Workload", "a workload is null");
        }

        string id = string.IsNullOrWhiteSpace(workload.Id) ? "" : workload.Id;
        SnapshotProblem Fail(string field, string message) => new(SnapshotItemKind.Workload, id, field, message);
        if (id.Length == 0)
        {
            return Fail(nameof(WorkloadSnapshot.Id), "workload id is empty");
        }

        if (string.IsNullOrWhiteSpace(workload.TenantId))
        {
            return Fail(nameof(WorkloadSnapshot.TenantId), "tenant must be set");
        }

        if (workload.RequiredLevel == MlpsLevel.Unspecified || !Enum.IsDefined(workload.RequiredLevel))
        {
            return Fail(nameof(WorkloadSnapshot.RequiredLevel), "MLPS level must be set to a defined level (1–4)");
        }

        if (workload.NetworkPlane == NetworkPlane.Unspecified || !Enum.IsDefined(workload.NetworkPlane))
        {
            return Fail(nameof(WorkloadSnapshot.NetworkPlane), "network plane must be set to a defined plane");
        }

        if (!workload.Requests.IsNonNegative)
        {
            return Fail(nameof(WorkloadSnapshot.Requests), "requests must not be negative");
        }

        if (!WithinCeiling(workload.Requests, SnapshotLimits.MaxWorkloadAmount))
        {
            return Fail(nameof(WorkloadSnapshot.Requests), string.Create(CultureInfo.InvariantCulture, $"requests must be at most {SnapshotLimits.MaxWorkloadAmount} in every dimension"));
        }

        if (!(workload.MigrationCost >= 0 && workload.MigrationCost <= SnapshotLimits.MaxMigrationCost))
        {
            return Fail(nameof(WorkloadSnapshot.MigrationCost), string.Create(CultureInfo.InvariantCulture, $"migration cost must be a number within [0, {SnapshotLimits.MaxMigrationCost:G}]"));
        }

        if (workload.AntiAffinityGroup is { } group
            && (string.IsNullOrWhiteSpace(group) || group.Length > SnapshotLimits.MaxGroupNameLength))
        {
            return Fail(nameof(WorkloadSnapshot.AntiAffinityGroup), string.Create(CultureInfo.InvariantCulture, $"anti-affinity group must be null (none) or a non-blank name of at most {SnapshotLimits.MaxGroupNameLength} characters"));
        }

        if (workload.AllowedRegions is null)
        {
            return Fail(nameof(WorkloadSnapshot.AllowedRegions), "allowed regions must not be null (empty means anywhere)");
        }

        foreach (string entry in workload.AllowedRegions)
        {
            if (!RegionCodes.IsValidResidencyEntry(entry))
            {
                return Fail(nameof(WorkloadSnapshot.AllowedRegions), "a residency entry is not 2, 4 or 6 digits");
            }
        }

        return null;
    }

    private static bool WithinCeiling(ResourceVector v, long ceiling) =>
        v.CpuMillicores <= ceiling && v.MemoryMiB <= ceiling && v.StorageGiB <= ceiling && v.Gpu <= ceiling;
}
