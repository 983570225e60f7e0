using Google.Protobuf;

namespace CloudGov.Cli.Output;

/// <summary>
/// The JSON of an API message: Google.Protobuf's <see cref="JsonFormatter"/> with the proto's own field names
/// (<c>plan_id</c>, as in the .proto files), every field including defaults, enums by name, timestamps in RFC 3339 UTC.
/// </summary>
internal static class ProtoJson
{
    private static readonly JsonFormatter Indented = new(JsonFormatter.Settings.Default
        .WithFormatDefaultValues(true).WithPreserveProtoFieldNames(true).WithIndentation("  "));

    private static readonly JsonFormatter Compact = new(JsonFormatter.Settings.Default
        .WithFormatDefaultValues(true).WithPreserveProtoFieldNames(true));

    /// <summary>Indented JSON of <paramref name="message"/>.</summary>
    public static string Format(IMessage message) => Indented.Format(message);

    /// <summary>One-line JSON of <paramref name="message"/> (a line per update of <c>plans watch</c>).</summary>
    public static string FormatLine(IMessage message) => Compact.Format(message);
}
