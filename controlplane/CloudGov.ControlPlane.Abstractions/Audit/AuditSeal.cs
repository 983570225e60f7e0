using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CloudGov.ControlPlane.Abstractions.Audit;

/// <summary>
/// An entry's canonical encoding (<see cref="AuditCanonical.Encode"/>) prepared before its place in the chain is known:
/// every field but the sequence and the previous hash (and, optionally, the value of one detail key) is encoded once, so
/// the single writer that appends the entry only hashes the prepared bytes with the fields it decides. The bytes hashed
/// are exactly those of <see cref="AuditCanonical.Encode"/>, so the stored hash verifies the same way.
/// </summary>
public sealed class AuditSeal
{
    [ThreadStatic]
    private static MemoryStream? t_buffer;

    private readonly AuditEntry _template;
    private readonly string? _variableKey;
    private readonly byte[] _head;     // version, chain
    private readonly byte[] _middle;   // at … up to and including the variable key's field (or through the reason)
    private readonly byte[] _tail;     // after the variable value: the remaining detail pairs and the reason (empty without a variable key)

    private AuditSeal(AuditEntry template, string? variableKey, byte[] head, byte[] middle, byte[] tail) =>
        (_template, _variableKey, _head, _middle, _tail) = (template, variableKey, head, middle, tail);

    /// <summary>
    /// Prepares <paramref name="template"/> (its sequence, previous hash and hash are ignored). With
    /// <paramref name="variableDetailKey"/>, that detail value is given at sealing time instead (the key must be in the
    /// template's detail; its template value is ignored).
    /// </summary>
    public static AuditSeal Prepare(AuditEntry template, string? variableDetailKey = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (variableDetailKey is not null && !template.Detail.ContainsKey(variableDetailKey))
        {
            throw new ArgumentException($"the detail has no key '{variableDetailKey}' to leave open", nameof(variableDetailKey));
        }

        // One reused buffer per thread for the three parts (the sealed parts are copied out at their exact size).
        var buffer = t_buffer ??= new MemoryStream(512);
        buffer.SetLength(0);
        AuditCanonical.Field(buffer, AuditCanonical.Version);
        AuditCanonical.Field(buffer, template.Chain);
        int headEnd = (int)buffer.Length;
        int middleEnd = -1;
        AuditCanonical.Field(buffer, AuditCanonical.Microseconds(template.At).ToString(CultureInfo.InvariantCulture));
        AuditCanonical.Field(buffer, template.Actor.Subject);
        AuditCanonical.Field(buffer, template.Actor.Role);
        AuditCanonical.Field(buffer, template.Actor.TenantId);
        AuditCanonical.Field(buffer, template.Action);
        AuditCanonical.Field(buffer, template.Targets.Length.ToString(CultureInfo.InvariantCulture));
        foreach (var target in template.Targets)
        {
            AuditCanonical.Field(buffer, target);
        }

        AuditCanonical.Field(buffer, template.Detail.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var (key, value) in AuditCanonical.InKeyOrder(template.Detail))
        {
            AuditCanonical.Field(buffer, key);
            if (string.Equals(key, variableDetailKey, StringComparison.Ordinal))
            {
                middleEnd = (int)buffer.Length;
                continue;
            }

            AuditCanonical.Field(buffer, value);
        }

        AuditCanonical.Field(buffer, template.Reason);
        int end = (int)buffer.Length;
        middleEnd = middleEnd < 0 ? end : middleEnd;
        var bytes = buffer.GetBuffer().AsSpan();
        var seal = new AuditSeal(template, variableDetailKey, bytes[..headEnd].ToArray(), bytes[headEnd..middleEnd].ToArray(), bytes[middleEnd..end].ToArray());
        if (buffer.Capacity > 64 * 1024)
        {
            t_buffer = null;   // one huge entry must not pin its buffer on the thread for good
        }

        return seal;
    }

    /// <summary>The sealed entry at <paramref name="sequence"/> after <paramref name="previousHash"/> (and the open detail value, if prepared with one).</summary>
    public AuditEntry Seal(long sequence, string previousHash, string? variableValue = null)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        if ((_variableKey is null) != (variableValue is null))
        {
            throw new ArgumentException(_variableKey is null ? "this entry has no open detail value" : $"the value of '{_variableKey}' is required", nameof(variableValue));
        }

        string sequenceText = sequence.ToString(CultureInfo.InvariantCulture);
        int length = _head.Length + 4 + Encoding.UTF8.GetByteCount(sequenceText) + _middle.Length + _tail.Length + 4 + Encoding.UTF8.GetByteCount(previousHash)
            + (variableValue is null ? 0 : 4 + Encoding.UTF8.GetByteCount(variableValue));
        byte[] rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var span = rented.AsSpan();
            int at = Copy(span, 0, _head);
            at = Put(span, at, sequenceText);
            at = Copy(span, at, _middle);
            if (variableValue is not null)
            {
                at = Put(span, at, variableValue);
            }

            at = Copy(span, at, _tail);
            at = Put(span, at, previousHash);
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(span[..at], digest);
            var detail = variableValue is null ? _template.Detail : _template.Detail.SetItem(_variableKey!, variableValue);
            return _template with { Sequence = sequence, Detail = detail, PreviousHash = previousHash, Hash = Convert.ToHexStringLower(digest) };
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int Copy(Span<byte> into, int at, byte[] bytes)
    {
        bytes.CopyTo(into[at..]);
        return at + bytes.Length;
    }

    private static int Put(Span<byte> into, int at, string value)
    {
        int written = Encoding.UTF8.GetBytes(value, into[(at + 4)..]);
        BinaryPrimitives.WriteInt32BigEndian(into[at..], written);
        return at + 4 + written;
    }
}
