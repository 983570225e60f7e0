namespace CloudGov.Domain;

/// <summary>Validation of zone ids: stable lowercase slugs such as <c>gx-nanning-hcs-1</c>.</summary>
public static class ZoneId
{
    /// <summary>The longest zone id accepted.</summary>
    public const int MaxLength = 63;

    /// <summary>Human-readable description of the format, used in error messages.</summary>
    public const string FormatDescription =
        "a zone id is 2-63 characters of lowercase letters, digits and '-', starting with a letter and not ending with '-'";

    /// <summary>True when <paramref name="id"/> is a valid zone id.</summary>
    /// <remarks>
    /// Checked character by character: a regular expression's <c>$</c> also matches before a final newline, which once
    /// let <c>"gx-zone\n"</c> register as a look-alike of <c>gx-zone</c>.
    /// </remarks>
    public static bool IsValid(string? id)
    {
        if (id is not { Length: >= 2 and <= MaxLength } || id[0] is < 'a' or > 'z' || id[^1] == '-')
        {
            return false;
        }

        foreach (char c in id)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
