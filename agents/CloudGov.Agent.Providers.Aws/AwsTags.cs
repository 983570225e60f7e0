using System.Globalization;
using Amazon.EC2.Model;

namespace CloudGov.Agent.Providers.Aws;

/// <summary>
/// The tags CloudGov writes on its instances and security groups. The <c>cloudgov:</c> keys are the provider's own
/// bookkeeping (the workload's id and the spec fields a report needs) and are not reported as labels; every other tag
/// is (the place command's labels, with their <c>cloudgov.io/</c> intent keys, and tags others put there).
/// </summary>
internal static class AwsTags
{
    /// <summary>The workload's id: marks an instance (and its security group) as a CloudGov workload.</summary>
    public const string WorkloadId = "cloudgov:workload-id";

    /// <summary>The owning tenant.</summary>
    public const string Tenant = "cloudgov:tenant";

    /// <summary>The business system.</summary>
    public const string System = "cloudgov:system";

    /// <summary>The required MLPS level, 1-4.</summary>
    public const string MlpsLevel = "cloudgov:mlps-level";

    /// <summary>The console's name tag.</summary>
    public const string Name = "Name";

    /// <summary>True for keys that are the provider's own (or AWS's), never reported as labels.</summary>
    public static bool IsBookkeeping(string key) =>
        key.StartsWith("cloudgov:", StringComparison.Ordinal) || key.StartsWith("aws:", StringComparison.Ordinal) || key == Name;

    /// <summary>The tags a placed instance carries: the bookkeeping keys, then the command's labels.</summary>
    public static List<Tag> ForWorkload(WorkloadSpec spec)
    {
        var tags = new List<Tag>
        {
            new(WorkloadId, spec.WorkloadId),
            new(Tenant, spec.TenantId),
            new(System, spec.System),
            new(MlpsLevel, ((int)spec.MlpsLevel).ToString(CultureInfo.InvariantCulture)),
            new(Name, spec.WorkloadId.Length <= 256 ? spec.WorkloadId : spec.WorkloadId[..256]),
        };
        tags.AddRange(WorkloadLabels.Sorted(spec.Labels).Where(l => !IsBookkeeping(l.Key)).Select(l => new Tag(l.Key, l.Value)));
        return tags;
    }

    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    public static string? Get(List<Tag>? tags, string key) => tags?.FirstOrDefault(t => t.Key == key)?.Value;
}
