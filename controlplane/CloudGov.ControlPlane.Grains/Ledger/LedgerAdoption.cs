using System.Globalization;
using CloudGov.ControlPlane.Abstractions.Ledger;
using CloudGov.ControlPlane.Grains.Placement;
using CloudGov.Scheduling.Model;

namespace CloudGov.ControlPlane.Grains.Ledger;

/// <summary>
/// Builds the record of a workload a zone reports that the ledger has no record of. Its <c>cloudgov.io/</c> labels
/// (<see cref="IntentLabels"/>) may declare its intent: when they name both the allowed regions and the network plane
/// and every intent label present is valid, the record is registered (managed) with that intent. Otherwise it is
/// adopted unmanaged and pinned, with what the zone reported and no guessed constraint. Pure.
/// </summary>
public static class LedgerAdoption
{
    /// <summary>The record for <paramref name="observed"/> first seen in <paramref name="zoneId"/>.</summary>
    public static WorkloadRecord Adopt(WorkloadObservation observed, ObservedPlacement placement, string zoneId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(observed);
        var labels = observed.Labels.IsDefault ? [] : observed.Labels;
        var baseline = new WorkloadSpec(
            observed.WorkloadId,
            observed.TenantId,
            observed.System,
            Requests: observed.Requests,
            MlpsLevel: observed.MlpsLevel,
            Labels: labels);
        string by = $"zone:{zoneId}";
        if (TryDeclared(baseline, labels, out var declared, out var problem))
        {
            return new WorkloadRecord
            {
                Intent = declared,
                Managed = true,
                ZoneId = zoneId,
                ZoneSince = now,
                Observed = [placement],
                UpdatedAt = now,
                History = [new LedgerEvent(now, LedgerEventKind.Adopted, by, string.Empty, zoneId, string.Empty,
                    "adopted with the intent its cloudgov.io/ labels declare")],
            };
        }

        return new WorkloadRecord
        {
            Intent = baseline with { Pinned = true },
            Managed = false,
            ZoneId = zoneId,
            ZoneSince = now,
            Observed = [placement],
            UpdatedAt = now,
            History = [new LedgerEvent(now, LedgerEventKind.Adopted, by, string.Empty, zoneId, string.Empty,
                problem.Length == 0
                    ? "adopted unmanaged and pinned: no intent registered"
                    : $"adopted unmanaged and pinned: {problem}")],
        };
    }

    /// <summary>
    /// The intent the labels declare on top of <paramref name="baseline"/>; false with the reason when they declare
    /// none (problem empty) or an invalid or incomplete one.
    /// </summary>
    public static bool TryDeclared(WorkloadSpec baseline, ImmutableArray<WorkloadLabel> labels, out WorkloadSpec declared, out string problem)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        declared = baseline;
        problem = string.Empty;
        string? Get(string key)
        {
            foreach (var l in labels.IsDefault ? [] : labels)
            {
                if (string.Equals(l.Key, key, StringComparison.Ordinal))
                {
                    return l.Value;
                }
            }

            return null;
        }

        string? regions = Get(IntentLabels.AllowedRegions);
        string? plane = Get(IntentLabels.NetworkPlane);
        if (regions is null && plane is null)
        {
            return false;
        }

        var spec = baseline;
        var problems = new List<string>();
        if (regions is null || plane is null)
        {
            problems.Add($"its labels declare only one of {IntentLabels.AllowedRegions} and {IntentLabels.NetworkPlane}");
        }

        if (regions is not null)
        {
            var codes = regions.Trim() == "*" ? [] : regions.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToImmutableArray();
            if (codes.Length > PlacementRequestValidator.MaxAllowedRegions || codes.Any(c => !RegionCodes.IsValidResidencyEntry(c)))
            {
                problems.Add($"{IntentLabels.AllowedRegions} must be '*' or up to {PlacementRequestValidator.MaxAllowedRegions} comma-separated 2-, 4- or 6-digit region codes");
            }
            else
            {
                spec = spec with { AllowedRegions = codes };
            }
        }

        if (plane is not null)
        {
            if (ParsePlane(plane) is { } p)
            {
                spec = spec with { NetworkPlane = p };
            }
            else
            {
                problems.Add($"{IntentLabels.NetworkPlane} must be egov-extranet, internet or egov-intranet");
            }
        }

        if (Get(IntentLabels.Tenant) is { } tenant)
        {
            if (PlacementRequestValidator.IsValidId(tenant))
            {
                spec = spec with { TenantId = tenant };
            }
            else
            {
                problems.Add($"{IntentLabels.Tenant} is not a valid tenant id");
            }
        }

        if (Get(IntentLabels.System) is { Length: <= ZoneLimits.MaxIdLength } system)
        {
            spec = spec with { System = system };
        }

        if (Get(IntentLabels.Project) is { Length: <= ZoneLimits.MaxIdLength } project)
        {
            spec = spec with { Project = project };
        }

        if (Get(IntentLabels.MlpsLevel) is { } level)
        {
            if (int.TryParse(level, NumberStyles.None, CultureInfo.InvariantCulture, out int l) && l is >= 1 and <= 4)
            {
                spec = spec with { MlpsLevel = (MlpsLevel)l };
            }
            else
            {
                problems.Add($"{IntentLabels.MlpsLevel} must be 1-4");
            }
        }

        if (Get(IntentLabels.AntiAffinity) is { Length: <= ZoneLimits.MaxIdLength } group)
        {
            spec = spec with { AntiAffinityGroup = group };
        }

        if (Get(IntentLabels.Pinned) is { } pinned)
        {
            spec = spec with { Pinned = string.Equals(pinned, "true", StringComparison.OrdinalIgnoreCase) };
        }

        if (Get(IntentLabels.Priority) is { } priority)
        {
            if (int.TryParse(priority, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int p) && p is >= IntentValidator.MinPriority and <= IntentValidator.MaxPriority)
            {
                spec = spec with { Priority = p };
            }
            else
            {
                problems.Add($"{IntentLabels.Priority} must be an integer {IntentValidator.MinPriority}..{IntentValidator.MaxPriority}");
            }
        }

        if (Get(IntentLabels.MigrationCost) is { } cost)
        {
            if (double.TryParse(cost, NumberStyles.Float, CultureInfo.InvariantCulture, out double c) && c is >= 0 and <= IntentValidator.MaxMigrationCost)
            {
                spec = spec with { MigrationCost = c };
            }
            else
            {
                problems.Add($"{IntentLabels.MigrationCost} must be a number 0..{IntentValidator.MaxMigrationCost}");
            }
        }

        if (spec.MlpsLevel == MlpsLevel.Unspecified)
        {
            problems.Add($"neither the report nor {IntentLabels.MlpsLevel} gives its MLPS level");
        }

        if (problems.Count > 0)
        {
            problem = string.Join("; ", problems);
            return false;
        }

        declared = spec;
        return true;
    }

    /// <summary>The plane a label value names, or null.</summary>
    public static NetworkPlane? ParsePlane(string value) => value switch
    {
        "egov-extranet" => NetworkPlane.EGovExtranet,
        "internet" => NetworkPlane.Internet,
        "egov-intranet" => NetworkPlane.EGovIntranet,
        _ => null,
    };
}
