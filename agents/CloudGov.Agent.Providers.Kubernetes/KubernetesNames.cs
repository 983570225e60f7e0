using System.Security.Cryptography;
using System.Text;

namespace CloudGov.Agent.Providers.Kubernetes;

/// <summary>
/// Kubernetes name and label syntax: DNS-1123 labels and subdomains for object names, qualified names for label and
/// annotation keys, and the stricter label values (at most 63 characters of [A-Za-z0-9._-], alphanumeric at both ends).
/// </summary>
internal static class KubernetesNames
{
    /// <summary>True for a DNS-1123 label: 1-63 of [a-z0-9-], alphanumeric at both ends.</summary>
    public static bool IsDnsLabel(string? s) =>
        s is { Length: > 0 and <= 63 } && IsLowerAlnum(s[0]) && IsLowerAlnum(s[^1]) && s.All(c => IsLowerAlnum(c) || c == '-');

    /// <summary>True for a DNS-1123 subdomain: at most 253 characters, dot-separated DNS labels.</summary>
    public static bool IsDnsSubdomain(string? s) =>
        s is { Length: > 0 and <= 253 } && s.Split('.').All(IsDnsLabel);

    /// <summary>True for a label or annotation key: an optional DNS-subdomain prefix and '/', then a name of 1-63 characters.</summary>
    public static bool IsQualifiedName(string key)
    {
        int slash = key.IndexOf('/');
        string name = key;
        if (slash >= 0)
        {
            if (!IsDnsSubdomain(key[..slash]))
            {
                return false;
            }

            name = key[(slash + 1)..];
        }

        return name.Length is > 0 and <= 63 && IsLabelChars(name);
    }

    /// <summary>True for a value Kubernetes accepts as a label value: empty, or 1-63 of [A-Za-z0-9._-] alphanumeric at both ends.</summary>
    public static bool IsLabelValue(string value) => value.Length == 0 || (value.Length <= 63 && IsLabelChars(value));

    /// <summary>
    /// The object name for a workload id: the id itself when it is a DNS-1123 label, otherwise a readable DNS label
    /// derived from it with a hash suffix (the exact id is kept in an annotation).
    /// </summary>
    public static string ObjectName(string workloadId)
    {
        if (IsDnsLabel(workloadId))
        {
            return workloadId;
        }

        var cleaned = new StringBuilder();
        foreach (char c in workloadId.ToLowerInvariant())
        {
            cleaned.Append(IsLowerAlnum(c) ? c : '-');
            if (cleaned.Length == 40)
            {
                break;
            }
        }

        string stem = cleaned.ToString().Trim('-');
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(workloadId)))[..12];
        return stem.Length == 0 ? $"w-{hash}" : $"{stem}-{hash}";
    }

    private static bool IsLabelChars(string s) =>
        char.IsAsciiLetterOrDigit(s[0]) && char.IsAsciiLetterOrDigit(s[^1]) && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static bool IsLowerAlnum(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
}
