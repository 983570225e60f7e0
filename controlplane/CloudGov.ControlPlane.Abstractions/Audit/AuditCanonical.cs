using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CloudGov.ControlPlane.Abstractions.Audit;

/// <summary>
/// The canonical encoding of an entry and its hash. The encoding is a sequence of fields, each written as a 4-byte
/// big-endian byte length followed by the field's UTF-8 bytes, in this order:
/// <c>"cloudgov-audit-v1"</c>, chain, sequence (decimal), at (microseconds since 1970-01-01T00:00:00Z, decimal),
/// actor subject, actor role, actor tenant, action name, target count (decimal) then each target,
/// detail count (decimal) then each key and its value (keys in ordinal order), reason, previous hash (lowercase hex).
/// The hash is the lowercase hex SHA-256 of those bytes. Length prefixes make the encoding unambiguous (no separator
/// inside a value can shift a field boundary); storage formats (JSON columns, timestamps) play no part in it.
/// </summary>
public static class AuditCanonical
{
    /// <summary>The encoding's version tag, its first field.</summary>
    public const string Version = "cloudgov-audit-v1";

    /// <summary>The canonical bytes of <paramref name="entry"/> (every field but <see cref="AuditEntry.Hash"/>).</summary>
    public static byte[] Encode(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var buffer = new MemoryStream(256);
        Field(buffer, Version);
        Field(buffer, entry.Chain);
        Field(buffer, entry.Sequence.ToString(CultureInfo.InvariantCulture));
        Field(buffer, Microseconds(entry.At).ToString(CultureInfo.InvariantCulture));
        Field(buffer, entry.Actor.Subject);
        Field(buffer, entry.Actor.Role);
        Field(buffer, entry.Actor.TenantId);
        Field(buffer, entry.Action);
        Field(buffer, entry.Targets.Length.ToString(CultureInfo.InvariantCulture));
        foreach (var target in entry.Targets)
        {
            Field(buffer, target);
        }

        Field(buffer, entry.Detail.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var (key, value) in InKeyOrder(entry.Detail))
        {
            Field(buffer, key);
            Field(buffer, value);
        }

        Field(buffer, entry.Reason);
        Field(buffer, entry.PreviousHash);
        return buffer.ToArray();
    }

    /// <summary>The hash <paramref name="entry"/> should carry.</summary>
    public static string HashOf(AuditEntry entry) => Convert.ToHexStringLower(SHA256.HashData(Encode(entry)));

    /// <summary><paramref name="entry"/> with its <see cref="AuditEntry.Hash"/> set.</summary>
    public static AuditEntry Sealed(AuditEntry entry) => entry with { Hash = HashOf(entry) };

    /// <summary>Microseconds since the Unix epoch: the precision every store keeps.</summary>
    public static long Microseconds(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    /// <summary>The instant <paramref name="microseconds"/> after the Unix epoch.</summary>
    public static DateTimeOffset FromMicroseconds(long microseconds) => DateTimeOffset.UnixEpoch.AddTicks(microseconds * 10);

    /// <summary>The detail pairs in ordinal key order (as they are when the dictionary already sorts ordinally).</summary>
    internal static IEnumerable<KeyValuePair<string, string>> InKeyOrder(ImmutableSortedDictionary<string, string> detail) =>
        ReferenceEquals(detail.KeyComparer, StringComparer.Ordinal) ? detail : detail.OrderBy(d => d.Key, StringComparer.Ordinal);

    /// <summary>Writes one length-prefixed UTF-8 field (what <see cref="Encode"/> is made of).</summary>
    /// <remarks>Encodes into a stack or pooled buffer (no array per field); the bytes are the same as <c>Encoding.UTF8.GetBytes</c>'s.</remarks>
    internal static void Field(MemoryStream buffer, string value)
    {
        int most = Encoding.UTF8.GetMaxByteCount(value.Length) + 4;
        byte[]? rented = most > 512 ? System.Buffers.ArrayPool<byte>.Shared.Rent(most) : null;
        try
        {
            Span<byte> span = rented is not null ? rented : stackalloc byte[512];
            int written = Encoding.UTF8.GetBytes(value, span[4..]);
            BinaryPrimitives.WriteInt32BigEndian(span, written);
            buffer.Write(span[..(4 + written)]);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
