using System.Collections.Immutable;
using System.Globalization;

namespace CloudGov.Domain;

/// <summary>
/// The label (tag) keys under <c>cloudgov.io/</c> that carry a workload's intent on its cloud resource. Place commands
/// write them, so the intent travels with the workload; a zone whose workloads carry them declares their intent when
/// the ledger adopts them. A workload adopted with both <see cref="AllowedRegions"/> and <see cref="NetworkPlane"/>
/// (and a valid value for every intent key it carries) is registered; otherwise it is adopted unmanaged and pinned.
/// </summary>
public static class IntentLabels
{
    /// <summary>The prefix of every intent key.</summary>
    public const string Prefix = "cloudgov.io/";

    /// <summary>The owning tenant id.</summary>
    public const string Tenant = "cloudgov.io/tenant";

    /// <summary>The business system.</summary>
    public const string System = "cloudgov.io/system";

    /// <summary>The construction project.</summary>
    public const string Project = "cloudgov.io/project";

    /// <summary>The required MLPS level, 1-4.</summary>
    public const string MlpsLevel = "cloudgov.io/mlps-level";

    /// <summary>Allowed region codes, comma-separated (e.g. <c>4501,4502</c>); <c>*</c> for anywhere.</summary>
    public const string AllowedRegions = "cloudgov.io/allowed-regions";

    /// <summary>The network plane: <c>egov-extranet</c>, <c>internet</c> or <c>egov-intranet</c>.</summary>
    public const string NetworkPlane = "cloudgov.io/network-plane";

    /// <summary>The anti-affinity group.</summary>
    public const string AntiAffinity = "cloudgov.io/anti-affinity";

    /// <summary><c>true</c> to pin it.</summary>
    public const string Pinned = "cloudgov.io/pinned";

    /// <summary>Its priority, an integer.</summary>
    public const string Priority = "cloudgov.io/priority";

    /// <summary>Its migration cost, a number.</summary>
    public const string MigrationCost = "cloudgov.io/migration-cost";

    /// <summary>The wire names of the network planes, by value.</summary>
    public static string PlaneName(NetworkPlane plane) => plane switch
    {
        Domain.NetworkPlane.EGovExtranet => "egov-extranet",
        Domain.NetworkPlane.Internet => "internet",
        Domain.NetworkPlane.EGovIntranet => "egov-intranet",
        _ => "unspecified",
    };

    /// <summary>The labels a place command carries: the spec's own labels, then every intent key from the spec.</summary>
    public static ImmutableArray<WorkloadLabel> Encode(WorkloadSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var labels = (spec.Labels.IsDefault ? [] : spec.Labels)
            .Where(l => !l.Key.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(l => KeyValuePair.Create(l.Key, l.Value))
            .ToList();
        void Add(string key, string value) => labels.Add(KeyValuePair.Create(key, value));
        Add(Tenant, spec.TenantId);
        if (spec.System.Length > 0)
        {
            Add(System, spec.System);
        }

        if (spec.Project.Length > 0)
        {
            Add(Project, spec.Project);
        }

        Add(MlpsLevel, ((int)spec.MlpsLevel).ToString(CultureInfo.InvariantCulture));
        Add(AllowedRegions, spec.AllowedRegions.IsDefaultOrEmpty ? "*" : string.Join(',', spec.AllowedRegions));
        Add(NetworkPlane, PlaneName(spec.NetworkPlane));
        if (spec.AntiAffinityGroup.Length > 0)
        {
            Add(AntiAffinity, spec.AntiAffinityGroup);
        }

        if (spec.Pinned)
        {
            Add(Pinned, "true");
        }

        if (spec.Priority != 0)
        {
            Add(Priority, spec.Priority.ToString(CultureInfo.InvariantCulture));
        }

        if (spec.MigrationCost != 1.0)
        {
            Add(MigrationCost, spec.MigrationCost.ToString("R", CultureInfo.InvariantCulture));
        }

        return WorkloadSpec.SortLabels(labels);
    }
}
