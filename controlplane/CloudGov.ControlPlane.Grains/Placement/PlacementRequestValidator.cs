using CloudGov.ControlPlane.Abstractions.Placement;
using CloudGov.Scheduling.Model;

namespace CloudGov.ControlPlane.Grains.Placement;

/// <summary>
/// Says what is wrong with a placement request, naming each field as the operations API spells it and what to fix.
/// Pure; used by the gRPC adapter (InvalidArgument) and again by the placement grain.
/// </summary>
public static class PlacementRequestValidator
{
    /// <summary>The most residency entries a request may carry.</summary>
    public const int MaxAllowedRegions = 64;

    /// <summary>What a workload or tenant id looks like, for error messages.</summary>
    public static readonly string IdFormatDescription =
        $"1-{ZoneLimits.MaxIdLength} characters without whitespace or control characters, e.g. nn-rsj-sbk-01";

    private static readonly string[] ProtoDimensionNames = ["cpu_millicores", "memory_mib", "storage_gib", "gpu"];

    /// <summary>Every problem with <paramref name="request"/>; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(PlacementRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<string>();
        if (!IsValidId(request.WorkloadId))
        {
            errors.Add($"workload_id '{Truncate(request.WorkloadId)}' is malformed: give {IdFormatDescription}");
        }

        if (!IsValidId(request.TenantId))
        {
            errors.Add($"tenant_id '{Truncate(request.TenantId)}' is malformed: give the owning department's id, {IdFormatDescription}");
        }

        if (request.System is null || request.System.Length > ZoneLimits.MaxIdLength)
        {
            errors.Add($"system must be at most {ZoneLimits.MaxIdLength} characters");
        }

        var r = request.Requests;
        for (int d = 0; d < ResourceVector.Dimensions; d++)
        {
            string field = $"requests.{ProtoDimensionNames[d]}";
            if (r[d] < 0)
            {
                errors.Add($"{field} is {r[d]}; it must not be negative");
            }
            else if (r[d] > ZoneLimits.MaxCapacity[d])
            {
                errors.Add($"{field} {r[d]} is more than any zone can have ({ZoneLimits.MaxCapacity[d]})");
            }
        }

        if (r.CpuMillicores <= 0 || r.MemoryMiB <= 0)
        {
            errors.Add("requests.cpu_millicores and requests.memory_mib must both be more than 0 (e.g. 2000 and 4096)");
        }

        if (!Enum.IsDefined(request.MlpsLevel) || request.MlpsLevel == MlpsLevel.Unspecified)
        {
            errors.Add($"mlps_level must be set to the level the workload requires, MLPS_LEVEL_1 to MLPS_LEVEL_4; got {(int)request.MlpsLevel}");
        }

        if (!Enum.IsDefined(request.NetworkPlane) || request.NetworkPlane == NetworkPlane.Unspecified)
        {
            errors.Add($"network_plane must be set to NETWORK_PLANE_EGOV_EXTRANET, NETWORK_PLANE_INTERNET or NETWORK_PLANE_EGOV_INTRANET; got {(int)request.NetworkPlane}");
        }

        var regions = request.AllowedRegions.IsDefault ? [] : request.AllowedRegions;
        if (regions.Length > MaxAllowedRegions)
        {
            errors.Add($"allowed_regions has {regions.Length} entries; at most {MaxAllowedRegions} are allowed");
        }
        else
        {
            for (int i = 0; i < regions.Length; i++)
            {
                if (!RegionCodes.IsValidResidencyEntry(regions[i]))
                {
                    errors.Add($"allowed_regions[{i}] '{Truncate(regions[i])}' must be a 2-, 4- or 6-digit region code (45 = 广西, 4501 = 南宁, 450102 = one county)");
                }
            }
        }

        return errors;
    }

    /// <summary>True when <paramref name="id"/> is a valid workload or tenant id.</summary>
    public static bool IsValidId(string? id) =>
        id is { Length: > 0 and <= ZoneLimits.MaxIdLength } && !id.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));

    private static string Truncate(string? s) => s is null ? string.Empty : s.Length <= 70 ? s : s[..70] + "…";
}
