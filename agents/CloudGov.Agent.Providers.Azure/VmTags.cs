namespace CloudGov.Agent.Providers.Azure;

/// <summary>
/// Workload labels as Azure tags and back. Azure tag names may not hold <c>&lt; &gt; % &amp; \ ? /</c>, so the
/// <c>/</c> of a label key (as in <c>cloudgov.io/tenant</c>) is written as <c>:</c> (<c>cloudgov.io:tenant</c>) and read
/// back as <c>/</c>. A label key that holds <c>:</c> or another character Azure forbids cannot be a tag: placing it fails.
/// </summary>
internal static class VmTags
{
    private static readonly char[] Forbidden = ['<', '>', '%', '&', '\\', '?', ':'];

    /// <summary>Azure allows at most 50 tags on a resource; tag names up to 512 characters and values up to 256.</summary>
    public const int MaxTags = 50;

    /// <summary>The tag name of a label key, or null (with the reason) when it cannot be one.</summary>
    public static string? TagName(string labelKey, out string? problem)
    {
        if (labelKey.IndexOfAny(Forbidden) >= 0)
        {
            problem = "label keys on Azure may not hold < > % & \\ ? or ':' (the provider writes '/' as ':')";
            return null;
        }

        problem = null;
        return labelKey.Replace('/', ':');
    }

    /// <summary>The label key of a tag name.</summary>
    public static string LabelKey(string tagName) => tagName.Replace(':', '/');
}
