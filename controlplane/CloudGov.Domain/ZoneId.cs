using System.Text.RegularExpressions;

namespace CloudGov.Domain;

/// <summary>Validation of zone ids: stable lowercase slugs such as <c>gx-nanning-hcs-1</c>.</summary>
public static partial class ZoneId
{
    /// <summary>The longest zone id accepted.</summary>
    public const int MaxLength = 63;

    /// <summary>Human-readable description of the format, used in error messages.</summary>
    public const string FormatDescription =
        "a zone id is 2-63 characters of lowercase letters, digits and '-', starting with a letter and not ending with '-'";

    /// <summary>True when <paramref name="id"/> is a valid zone id.</summary>
    public static bool IsValid(string? id) => id is { Length: >= 2 and <= MaxLength } && Pattern().IsMatch(id);

    [GeneratedRegex("^[a-z][a-z0-9-]*[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
