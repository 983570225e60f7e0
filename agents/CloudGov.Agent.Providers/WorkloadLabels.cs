using System.Collections.Immutable;

namespace CloudGov.Agent.Providers;

/// <summary>
/// Labels (tags) on a zone's workloads as the agent reports them: the intent keys under <c>cloudgov.io/</c> and the
/// bounds the control plane's gateway enforces on <c>WorkloadReport.labels</c>. The keys mirror the control plane's
/// <c>CloudGov.Domain.IntentLabels</c> (the agent references the wire contracts only); they are part of the protocol.
/// </summary>
public static class WorkloadLabels
{
    /// <summary>The owning tenant id.</summary>
    public const string Tenant = "cloudgov.io/tenant";

    /// <summary>The business system.</summary>
    public const string System = "cloudgov.io/system";

    /// <summary>The required MLPS level, 1-4.</summary>
    public const string MlpsLevel = "cloudgov.io/mlps-level";

    /// <summary>Allowed region codes, comma-separated.</summary>
    public const string AllowedRegions = "cloudgov.io/allowed-regions";

    /// <summary>The network plane: egov-extranet, internet or egov-intranet.</summary>
    public const string NetworkPlane = "cloudgov.io/network-plane";

    /// <summary>The most labels one workload may carry in a report.</summary>
    public const int MaxCount = 32;

    /// <summary>The longest key.</summary>
    public const int MaxKeyLength = 128;

    /// <summary>The longest value.</summary>
    public const int MaxValueLength = 256;

    /// <summary>Labels from any pairs, ordered by key (ordinal), the last value of a repeated key kept.</summary>
    public static ImmutableArray<KeyValuePair<string, string>> Sorted(IEnumerable<KeyValuePair<string, string>> labels)
    {
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in labels)
        {
            sorted[key] = value;
        }

        return [.. sorted];
    }

    /// <summary>
    /// Why the labels could not be reported (the gateway would reject every report of the zone), or null when they
    /// can: at most 32; keys 1-128 characters without control characters or surrounding whitespace; values at most
    /// 256 characters without control characters.
    /// </summary>
    public static string? Problem(IReadOnlyCollection<KeyValuePair<string, string>> labels)
    {
        if (labels.Count > MaxCount)
        {
            return $"it has {labels.Count} labels; at most {MaxCount} are allowed";
        }

        foreach (var (key, value) in labels)
        {
            if (key.Length is 0 or > MaxKeyLength || char.IsWhiteSpace(key[0]) || char.IsWhiteSpace(key[^1]) || key.Any(char.IsControl))
            {
                return $"label key '{Excerpt(key)}' must be 1-{MaxKeyLength} characters without control characters or surrounding whitespace";
            }

            if (value is null || value.Length > MaxValueLength || value.Any(char.IsControl))
            {
                return $"label '{Excerpt(key)}' has a value that is missing, longer than {MaxValueLength} characters or holds control characters";
            }
        }

        return null;
    }

    private static string Excerpt(string s)
    {
        var prefix = s.Length <= 32 ? s : s[..32] + "…";
        return new string([.. prefix.Select(c => char.IsControl(c) ? '?' : c)]);
    }
}
