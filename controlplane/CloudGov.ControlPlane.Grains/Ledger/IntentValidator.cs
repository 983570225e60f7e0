using System.Globalization;
using CloudGov.ControlPlane.Abstractions.Ledger;
using CloudGov.ControlPlane.Grains.Placement;
using CloudGov.Scheduling.Model;

namespace CloudGov.ControlPlane.Grains.Ledger;

/// <summary>
/// Checks intents, patches and selectors field by field, naming each field as the operations API spells it. Pure; the
/// gRPC adapter turns the problems into InvalidArgument with google.rpc.BadRequest field violations.
/// </summary>
public static class IntentValidator
{
    /// <summary>The lowest priority.</summary>
    public const int MinPriority = -1000;

    /// <summary>The highest priority.</summary>
    public const int MaxPriority = 1000;

    /// <summary>The highest migration cost.</summary>
    public const double MaxMigrationCost = 1000;

    /// <summary>The longest label key.</summary>
    public const int MaxLabelKeyLength = WireLimits.MaxLabelKeyLength;

    /// <summary>The longest label value.</summary>
    public const int MaxLabelValueLength = WireLimits.MaxLabelValueLength;

    /// <summary>The most ids one selector may name.</summary>
    public const int MaxSelectorIds = 10_000;

    /// <summary>The longest reason.</summary>
    public const int MaxReasonLength = WireLimits.MaxIntentReasonLength;

    private static readonly string[] DimensionNames = ["cpu_millicores", "memory_mib", "storage_gib", "gpu"];

    /// <summary>Every problem of a complete intent (a placement or a new registration); <paramref name="prefix"/> leads each field path.</summary>
    public static List<FieldProblem> ValidateSpec(WorkloadSpec spec, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(spec);
        var problems = new List<FieldProblem>();
        Id(problems, prefix + "workload_id", spec.WorkloadId, "the workload's id");
        Id(problems, prefix + "tenant_id", spec.TenantId, "the owning department's id");
        Text(problems, prefix + "system", spec.System);
        Text(problems, prefix + "project", spec.Project);
        Requests(problems, prefix + "requests", spec.Requests);
        Level(problems, prefix + "mlps_level", spec.MlpsLevel);
        Plane(problems, prefix + "network_plane", spec.NetworkPlane);
        Regions(problems, prefix + "allowed_regions", spec.AllowedRegions.IsDefault ? [] : spec.AllowedRegions);
        Text(problems, prefix + "anti_affinity_group", spec.AntiAffinityGroup);
        Priority(problems, prefix + "priority", spec.Priority);
        Cost(problems, prefix + "migration_cost", spec.MigrationCost);
        Labels(problems, prefix + "labels", spec.Labels.IsDefault ? [] : spec.Labels);
        Policy(problems, prefix + "access_policy", spec.AccessPolicy);
        return problems;
    }

    /// <summary>
    /// Adds one problem per bad rule of <paramref name="policy"/> (the first eight) under <paramref name="field"/>;
    /// nothing when it is null or valid. Rules are named by their position as given (<see cref="AccessPolicy.FromWire"/>).
    /// </summary>
    public static void Policy(List<FieldProblem> problems, string field, AccessPolicy? policy)
    {
        const int MaxProblems = 8;
        if (policy is null)
        {
            return;
        }

        var rules = policy.Ingress.IsDefault ? [] : policy.Ingress;
        if (rules.Length > AccessPolicy.MaxRules)
        {
            problems.Add(new($"{field}.ingress", $"has {rules.Length} rules; at most {AccessPolicy.MaxRules} are allowed"));
            return;
        }

        int added = 0;
        for (int i = 0; i < rules.Length && added < MaxProblems; i++)
        {
            if (AccessPolicy.Problem(rules[i]) is { } problem)
            {
                problems.Add(new(string.Create(CultureInfo.InvariantCulture, $"{field}.ingress[{i}]"), problem));
                added++;
            }
        }
    }

    /// <summary>Every problem of a patch.</summary>
    public static List<FieldProblem> ValidatePatch(IntentPatch patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var problems = new List<FieldProblem>();
        if (patch.TenantId is { } tenant)
        {
            Id(problems, "patch.tenant_id", tenant, "the owning department's id");
        }

        if (patch.System is { } system)
        {
            Text(problems, "patch.system", system);
        }

        if (patch.Project is { } project)
        {
            Text(problems, "patch.project", project);
        }

        if (patch.MlpsLevel is { } level)
        {
            Level(problems, "patch.mlps_level", level);
        }

        if (patch.AllowedRegions is { } regions)
        {
            Regions(problems, "patch.allowed_regions.codes", regions);
        }

        if (patch.NetworkPlane is { } plane)
        {
            Plane(problems, "patch.network_plane", plane);
        }

        if (patch.AntiAffinityGroup is { } group)
        {
            Text(problems, "patch.anti_affinity_group", group);
        }

        if (patch.Priority is { } priority)
        {
            Priority(problems, "patch.priority", priority);
        }

        if (patch.MigrationCost is { } cost)
        {
            Cost(problems, "patch.migration_cost", cost);
        }

        if (patch.Requests is { } requests)
        {
            Requests(problems, "patch.requests", requests);
        }

        Labels(problems, "patch.set_labels", patch.SetLabels.IsDefault ? [] : patch.SetLabels);
        var remove = patch.RemoveLabels.IsDefault ? [] : patch.RemoveLabels;
        if (remove.Length > ZoneLimits.MaxLabels)
        {
            problems.Add(new("patch.remove_labels", $"has {remove.Length} keys; at most {ZoneLimits.MaxLabels}"));
        }

        for (int i = 0; i < remove.Length && i < ZoneLimits.MaxLabels; i++)
        {
            if (!IsLabelKey(remove[i]))
            {
                problems.Add(new($"patch.remove_labels[{i}]", $"{WireText.Quote(remove[i])} is not a label key: 1-{MaxLabelKeyLength} characters, no control characters or surrounding whitespace"));
            }
        }

        bool empty = patch.TenantId is null && patch.System is null && patch.Project is null && patch.MlpsLevel is null
            && patch.AllowedRegions is null && patch.NetworkPlane is null && patch.AntiAffinityGroup is null && patch.Pinned is null
            && patch.Priority is null && patch.MigrationCost is null && patch.Requests is null
            && patch.SetLabels.IsDefaultOrEmpty && patch.RemoveLabels.IsDefaultOrEmpty;
        if (empty)
        {
            problems.Add(new("patch", "sets nothing: give at least one field to change"));
        }

        return problems;
    }

    /// <summary>Every problem of a selector.</summary>
    public static List<FieldProblem> ValidateSelector(WorkloadSelector selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var problems = new List<FieldProblem>();
        if (selector.IsEmpty)
        {
            problems.Add(new("selector", "selects nothing: give workload_ids, tenant_id, system, project, zone_id or labels"));
            return problems;
        }

        var ids = selector.WorkloadIds.IsDefault ? [] : selector.WorkloadIds;
        if (ids.Length > MaxSelectorIds)
        {
            problems.Add(new("selector.workload_ids", $"has {ids.Length} ids; at most {MaxSelectorIds}"));
        }
        else
        {
            for (int i = 0; i < ids.Length; i++)
            {
                if (!PlacementRequestValidator.IsValidId(ids[i]))
                {
                    problems.Add(new($"selector.workload_ids[{i}]", $"{WireText.Quote(ids[i])} is malformed: give {PlacementRequestValidator.IdFormatDescription}"));
                }
            }
        }

        if (selector.TenantId.Length > 0)
        {
            Id(problems, "selector.tenant_id", selector.TenantId, "a tenant id");
        }

        Text(problems, "selector.system", selector.System);
        Text(problems, "selector.project", selector.Project);
        if (selector.ZoneId.Length > 0 && !ZoneId.IsValid(selector.ZoneId))
        {
            problems.Add(new("selector.zone_id", $"{WireText.Quote(selector.ZoneId)} is malformed: {ZoneId.FormatDescription}"));
        }

        Labels(problems, "selector.labels", selector.Labels.IsDefault ? [] : selector.Labels);
        return problems;
    }

    /// <summary>True for a label key: 1-128 characters, no control characters, no surrounding whitespace.</summary>
    public static bool IsLabelKey(string? key) => key is { Length: > 0 } && WireText.IsName(key, MaxLabelKeyLength);

    /// <summary>At most a short prefix of a bad value, for messages (32 characters, control characters escaped).</summary>
    public static string Truncate(string? s) => WireText.Excerpt(s);

    private static void Id(List<FieldProblem> problems, string field, string? value, string what)
    {
        if (!PlacementRequestValidator.IsValidId(value))
        {
            problems.Add(new(field, $"{WireText.Quote(value)} is malformed: give {what}, {PlacementRequestValidator.IdFormatDescription}"));
        }
    }

    private static void Text(List<FieldProblem> problems, string field, string? value)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length > WireLimits.MaxNameLength)
        {
            problems.Add(new(field, $"is {value.Length} characters; at most {WireLimits.MaxNameLength}"));
        }
        else if (value.Any(char.IsControl) || value.Trim().Length != value.Length)
        {
            problems.Add(new(field, "must not contain control characters or surrounding whitespace"));
        }
    }

    private static void Requests(List<FieldProblem> problems, string field, ResourceVector r)
    {
        for (int d = 0; d < ResourceVector.Dimensions; d++)
        {
            if (r[d] < 0)
            {
                problems.Add(new($"{field}.{DimensionNames[d]}", $"is {r[d]}; it must not be negative"));
            }
            else if (r[d] > WireLimits.MaxWorkloadResources[d])
            {
                problems.Add(new($"{field}.{DimensionNames[d]}", $"{r[d]} is more than any zone can have ({WireLimits.MaxWorkloadResources[d]})"));
            }
        }

        if (r.CpuMillicores <= 0 || r.MemoryMiB <= 0)
        {
            problems.Add(new(field, "cpu_millicores and memory_mib must both be more than 0 (e.g. 2000 and 4096)"));
        }
    }

    private static void Level(List<FieldProblem> problems, string field, MlpsLevel level)
    {
        if (!Enum.IsDefined(level) || level == MlpsLevel.Unspecified)
        {
            problems.Add(new(field, $"must be MLPS_LEVEL_1 to MLPS_LEVEL_4; got {(int)level}"));
        }
    }

    private static void Plane(List<FieldProblem> problems, string field, NetworkPlane plane)
    {
        if (!Enum.IsDefined(plane) || plane == NetworkPlane.Unspecified)
        {
            problems.Add(new(field, $"must be NETWORK_PLANE_EGOV_EXTRANET, NETWORK_PLANE_INTERNET or NETWORK_PLANE_EGOV_INTRANET; got {(int)plane}"));
        }
    }

    private static void Regions(List<FieldProblem> problems, string field, ImmutableArray<string> regions)
    {
        if (regions.Length > PlacementRequestValidator.MaxAllowedRegions)
        {
            problems.Add(new(field, $"has {regions.Length} entries; at most {PlacementRequestValidator.MaxAllowedRegions}"));
            return;
        }

        for (int i = 0; i < regions.Length; i++)
        {
            if (!RegionCodes.IsValidResidencyEntry(regions[i]))
            {
                problems.Add(new($"{field}[{i}]", $"{WireText.Quote(regions[i])} must be a 2-, 4- or 6-digit region code (45 = 广西, 4501 = 南宁)"));
            }
        }
    }

    private static void Priority(List<FieldProblem> problems, string field, int priority)
    {
        if (priority is < MinPriority or > MaxPriority)
        {
            problems.Add(new(field, $"is {priority}; it must be {MinPriority}..{MaxPriority}"));
        }
    }

    private static void Cost(List<FieldProblem> problems, string field, double cost)
    {
        if (!double.IsFinite(cost) || cost < 0 || cost > MaxMigrationCost)
        {
            problems.Add(new(field, $"must be a number 0..{MaxMigrationCost}"));
        }
    }

    private static void Labels(List<FieldProblem> problems, string field, ImmutableArray<WorkloadLabel> labels)
    {
        if (labels.Length > ZoneLimits.MaxLabels)
        {
            problems.Add(new(field, $"has {labels.Length} labels; at most {ZoneLimits.MaxLabels}"));
            return;
        }

        foreach (var label in labels)
        {
            if (!IsLabelKey(label.Key))
            {
                problems.Add(new(field, $"key {WireText.Quote(label.Key)} must be 1-{MaxLabelKeyLength} characters without control characters or surrounding whitespace"));
            }
            else if (!WireText.IsText(label.Value, MaxLabelValueLength))
            {
                problems.Add(new($"{field}[{label.Key}]", $"value must be at most {MaxLabelValueLength} characters without control characters"));
            }
        }
    }
}
