using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;

namespace CloudGov.ControlPlane.Persistence.Audit;

/// <summary>How targets (a JSON array of strings) and detail (a JSON object of strings) are stored. Not part of the hash.</summary>
/// <remarks>
/// Written with one <see cref="Utf8JsonWriter"/> per thread over a reused buffer rather than through
/// <see cref="JsonSerializer"/>: each appended entry stores both, and the serializer's per-call state was a part of the
/// journal's allocations. The text is the same as <c>JsonSerializer.Serialize</c>'s (same default encoder and escaping:
/// <c>AuditJsonTests</c>), so rows written before and after read alike.
/// </remarks>
internal static class AuditJson
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static string Targets(ImmutableArray<string> targets)
    {
        var writer = Writer(out var buffer);
        writer.WriteStartArray();
        if (!targets.IsDefault)
        {
            foreach (var target in targets)
            {
                writer.WriteStringValue(target);
            }
        }

        writer.WriteEndArray();
        return Text(writer, buffer);
    }

    public static string Detail(ImmutableSortedDictionary<string, string> detail)
    {
        var writer = Writer(out var buffer);
        writer.WriteStartObject();
        foreach (var (key, value) in detail)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
        return Text(writer, buffer);
    }

    public static ImmutableArray<string> ReadTargets(string json) => [.. JsonSerializer.Deserialize<string[]>(json) ?? []];

    public static ImmutableSortedDictionary<string, string> ReadDetail(string json) =>
        (JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? []).ToImmutableSortedDictionary(StringComparer.Ordinal);

    private static Utf8JsonWriter Writer(out ArrayBufferWriter<byte> buffer)
    {
        buffer = t_buffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        if (t_writer is { } writer)
        {
            writer.Reset(buffer);
            return writer;
        }

        return t_writer = new Utf8JsonWriter(buffer);
    }

    private static string Text(Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer)
    {
        writer.Flush();
        var text = Encoding.UTF8.GetString(buffer.WrittenSpan);
        if (buffer.Capacity > 64 * 1024)
        {
            // One huge entry must not pin its buffer on the thread for good.
            t_buffer = null;
            t_writer = null;
        }

        return text;
    }
}
