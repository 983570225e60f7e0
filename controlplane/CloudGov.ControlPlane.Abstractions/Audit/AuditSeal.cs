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

        using var head = new MemoryStream(64);
        AuditCanonical.Field(head, AuditCanonical.Version);
        AuditCanonical.Field(head, template.Chain);
        using var middle = new MemoryStream(256);
        using var tail = new MemoryStream(64);
        var into = middle;
        AuditCanonical.Field(into, AuditCanonical.Microseconds(template.At).ToString(CultureInfo.InvariantCulture));
        AuditCanonical.Field(into, template.Actor.Subject);
        AuditCanonical.Field(into, template.Actor.Role);
        AuditCanonical.Field(into, template.Actor.TenantId);
        AuditCanonical.Field(into, template.Action);
        AuditCanonical.Field(into, template.Targets.Length.ToString(CultureInfo.InvariantCulture));
        foreach (var target in template.Targets)
        {
            AuditCanonical.Field(into, target);
        }

        AuditCanonical.Field(into, template.Detail.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var (key, value) in template.Detail.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            AuditCanonical.Field(into, key);
            if (string.Equals(key, variableDetailKey, StringComparison.Ordinal))
            {
                into = tail;
                continue;
            }

            AuditCanonical.Field(into, value);
        }

        AuditCanonical.Field(into, template.Reason);
        return new AuditSeal(template, variableDetailKey, head.ToArray(), middle.ToArray(), tail.ToArray());
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
