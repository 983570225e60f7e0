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
        foreach (char c in value)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
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
