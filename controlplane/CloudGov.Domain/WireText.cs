using System.Globalization;
using System.Text;

namespace CloudGov.Domain;

/// <summary>
/// The string checks of the wire boundaries and the one way a bad value is quoted back: a short, escaped prefix.
/// Explicit character loops, no regular expressions (a regex <c>$</c> matches before a final newline).
/// </summary>
public static class WireText
{
    /// <summary>True for an id: 1-<paramref name="maxLength"/> characters, none of them whitespace or control characters.</summary>
    public static bool IsId(string? value, int maxLength = WireLimits.MaxIdLength)
    {
        if (value is null || value.Length == 0 || value.Length > maxLength)
        {
            return false;
        }

        foreach (char c in value)
        {
            // Printable ASCII other than space is the common case; anything else is asked of the Unicode tables.
            if (c is > ' ' and < '\u007f')
            {
                continue;
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True for a name: at most <paramref name="maxLength"/> characters, no control characters, no surrounding whitespace (empty allowed).</summary>
    public static bool IsName(string? value, int maxLength = WireLimits.MaxNameLength) =>
        value is not null && value.Length <= maxLength && !HasControl(value)
        && (value.Length == 0 || (!char.IsWhiteSpace(value[0]) && !char.IsWhiteSpace(value[^1])));

    /// <summary>True for free text: at most <paramref name="maxLength"/> characters and no control characters.</summary>
    public static bool IsText(string? value, int maxLength) => value is not null && value.Length <= maxLength && !HasControl(value);

    /// <summary>True when <paramref name="value"/> holds a control character (newline, NUL, escape, …).</summary>
    public static bool HasControl(string value)
    {
        // The control characters (Unicode category Cc) are exactly U+0000-U+001F and U+007F-U+009F: one scalar pass for the
        // short strings of the hot path (ids, label keys and values), two vectorized scans for long ones.
        var span = value.AsSpan();
        if (span.Length <= 64)
        {
            foreach (char c in span)
            {
                if (c < '\u0020' || (uint)(c - '\u007f') <= 0x20)
                {
                    return true;
                }
            }

            return false;
        }

        return span.IndexOfAnyInRange('\u0000', '\u001f') >= 0 || span.IndexOfAnyInRange('\u007f', '\u009f') >= 0;
    }

    /// <summary>
    /// A short prefix of an untrusted value for an error message or a log line: at most <paramref name="max"/> characters
    /// (never splitting a surrogate pair), control characters escaped as <c>\uXXXX</c>, an ellipsis when cut.
    /// </summary>
    public static string Excerpt(string? value, int max = WireLimits.MaxEchoLength)
    {
        if (value is null)
        {
            return string.Empty;
        }

        int length = value.Length <= max ? value.Length : char.IsHighSurrogate(value[max - 1]) ? max - 1 : max;
        var text = new StringBuilder(length + 8);
        foreach (char c in value.AsSpan(0, length))
        {
            if (char.IsControl(c))
            {
                text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                text.Append(c);
            }
        }

        return length < value.Length ? text.Append('…').ToString() : text.ToString();
    }

    /// <summary>A quoted excerpt with the value's length when it was cut, e.g. <c>'abc…' (65536 characters)</c>.</summary>
    public static string Quote(string? value) =>
        value is null ? "''" : value.Length <= WireLimits.MaxEchoLength
            ? $"'{Excerpt(value)}'"
            : string.Create(CultureInfo.InvariantCulture, $"'{Excerpt(value)}' ({value.Length} characters)");
}
