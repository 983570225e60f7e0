using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CloudGov.ControlPlane.Abstractions.Audit;

namespace CloudGov.ControlPlane.Audit;

/// <summary>
/// The opaque page token of ListAuditEntries: <c>a1.</c> then base64url of "&lt;last sequence&gt;.&lt;filter fingerprint&gt;".
/// The fingerprint (16 hex digits of SHA-256 over the filters) ties a token to the filters it was given for, so a token
/// reused with other filters is refused instead of silently skipping entries.
/// </summary>
internal static class AuditPageToken
{
    /// <summary>The longest token this API gives out (with room to spare).</summary>
    public const int MaxLength = 96;

    private const string Prefix = "a1.";

    public static string Encode(long afterSequence, AuditQuery filters) =>
        Prefix + Convert.ToBase64String(Encoding.ASCII.GetBytes(
            $"{afterSequence.ToString(CultureInfo.InvariantCulture)}.{Fingerprint(filters)}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The sequence to continue after, or null when <paramref name="token"/> is not one this API gave for <paramref name="filters"/>.</summary>
    public static long? Decode(string token, AuditQuery filters)
    {
        if (token.Length > MaxLength || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var body = token[Prefix.Length..].Replace('-', '+').Replace('_', '/');
        body = body.PadRight(body.Length + ((4 - (body.Length % 4)) % 4), '=');
        Span<byte> bytes = stackalloc byte[MaxLength];
        if (!Convert.TryFromBase64String(body, bytes, out int written))
        {
            return null;
        }

        var text = Encoding.ASCII.GetString(bytes[..written]);
        int dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot > 0
            && long.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out long after)
            && after > 0
            && string.Equals(text[(dot + 1)..], Fingerprint(filters), StringComparison.Ordinal)
                ? after
                : null;
    }

    private static string Fingerprint(AuditQuery q)
    {
        var canonical = string.Join('\u001f',
            q.From is { } from ? AuditCanonical.Microseconds(from).ToString(CultureInfo.InvariantCulture) : "-",
            q.To is { } to ? AuditCanonical.Microseconds(to).ToString(CultureInfo.InvariantCulture) : "-",
            q.ActorSubject ?? string.Empty,
            q.Action ?? string.Empty,
            q.Target ?? string.Empty);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..16];
    }
}
