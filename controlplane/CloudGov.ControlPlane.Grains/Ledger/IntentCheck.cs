using CloudGov.ControlPlane.Abstractions.Placement;
using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;

namespace CloudGov.ControlPlane.Grains.Ledger;

/// <summary>
/// The rules a workload's intent sets for the zone it runs in — MLPS level, residency, network plane — checked against
/// the zone's facts, with the scheduler's reason codes. Pure.
/// </summary>
public static class IntentCheck
{
    /// <summary>Every rule <paramref name="zone"/> breaks for <paramref name="intent"/>; empty when it may run there.</summary>
    public static ImmutableArray<PlacementReason> Broken(WorkloadSpec intent, ZoneFacts zone)
    {
        ArgumentNullException.ThrowIfNull(intent);
        ArgumentNullException.ThrowIfNull(zone);
        var reasons = ImmutableArray.CreateBuilder<PlacementReason>();
        if (zone.MlpsLevel < intent.MlpsLevel)
        {
            reasons.Add(new PlacementReason(MlpsLevelFilter.FilterName, ReasonCodes.MlpsLevelTooLow,
                $"zone {zone.ZoneId} is certified for MLPS level {(int)zone.MlpsLevel}, the workload requires level {(int)intent.MlpsLevel}",
                $"云区 {zone.ZoneId} 等保级别为 {(int)zone.MlpsLevel} 级，业务要求 {(int)intent.MlpsLevel} 级"));
        }

        var allowed = intent.AllowedRegions.IsDefault ? [] : intent.AllowedRegions;
        if (!RegionCodes.Allows(allowed, zone.RegionCode))
        {
            string list = string.Join(",", allowed);
            reasons.Add(new PlacementReason(ResidencyFilter.FilterName, ReasonCodes.ResidencyNotAllowed,
                $"zone {zone.ZoneId} is in region {zone.RegionCode}, outside the allowed regions [{list}]",
                $"云区 {zone.ZoneId} 位于行政区划 {zone.RegionCode}，不在数据驻留允许范围 [{list}] 内"));
        }

        if (intent.NetworkPlane != NetworkPlane.Unspecified && zone.NetworkPlane != intent.NetworkPlane)
        {
            reasons.Add(new PlacementReason(NetworkPlaneFilter.FilterName, ReasonCodes.NetworkPlaneMismatch,
                $"zone {zone.ZoneId} is on the {zone.NetworkPlane} plane, the workload must run on {intent.NetworkPlane}",
                $"云区 {zone.ZoneId} 位于{NetworkPlaneFilter.Chinese(zone.NetworkPlane)}，业务须部署在{NetworkPlaneFilter.Chinese(intent.NetworkPlane)}"));
        }

        return reasons.ToImmutable();
    }
}
