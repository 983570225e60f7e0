using System.Collections.Frozen;

namespace CloudGov.ControlPlane.AgentIdentity;

/// <summary>The format of <c>revoked.txt</c>: one hex serial per line, anything after <c>#</c> a comment.</summary>
internal static class RevokedSerials
{
    /// <summary>The serial in upper-case hex without separators, or null when it is not 1-40 hex digits.</summary>
    public static string? Normalize(string? serial)
    {
        if (serial is null)
        {
            return null;
        }

        var digits = new System.Text.StringBuilder(serial.Length);
        foreach (char c in serial)
        {
            if (char.IsAsciiHexDigit(c))
            {
                digits.Append(char.ToUpperInvariant(c));
            }
            else if (c is not (':' or ' '))
            {
                return null;
            }
        }

        return digits.Length is >= 1 and <= 40 ? digits.ToString() : null;
    }

    /// <summary>The serials listed in <paramref name="text"/>; malformed lines are skipped (and counted in <paramref name="skipped"/>).</summary>
    public static FrozenSet<string> Parse(string text) => Parse(text, out _);

    /// <inheritdoc cref="Parse(string)"/>
    public static FrozenSet<string> Parse(string text, out int skipped)
    {
        skipped = 0;
        var serials = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            int comment = raw.IndexOf('#', StringComparison.Ordinal);
            string line = (comment >= 0 ? raw[..comment] : raw).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (Normalize(line) is { } serial)
            {
                serials.Add(serial);
            }
            else
            {
                skipped++;
            }
        }

        return serials.ToFrozenSet(StringComparer.Ordinal);
    }
}
