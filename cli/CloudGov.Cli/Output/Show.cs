using System.Globalization;
using System.Text;
using CloudGov.Proto.Common.V1;
using Google.Protobuf.WellKnownTypes;
using Spectre.Console;

namespace CloudGov.Cli.Output;

/// <summary>How values look in tables: local times with their offset, resources with units, enum values as short names.</summary>
internal static class Show
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary><paramref name="time"/> in <paramref name="zone"/>, e.g. <c>2026-12-01 20:15:03 +08:00</c>; "-" when unset.</summary>
    public static string Time(Timestamp? time, TimeZoneInfo zone)
    {
        if (time is null || (time.Seconds == 0 && time.Nanos == 0))
        {
            return "-";
        }

        var local = TimeZoneInfo.ConvertTime(time.ToDateTimeOffset(), zone);
        return local.ToString("yyyy-MM-dd HH:mm:ss zzz", Invariant);
    }

    /// <summary>CPU as millicores, e.g. <c>2500m</c>.</summary>
    public static string Cpu(long millicores) => $"{millicores.ToString(Invariant)}m";

    /// <summary>Memory as MiB, e.g. <c>4096Mi</c>.</summary>
    public static string Memory(long mib) => $"{mib.ToString(Invariant)}Mi";

    /// <summary>Storage as GiB, e.g. <c>100Gi</c>.</summary>
    public static string Storage(long gib) => $"{gib.ToString(Invariant)}Gi";

    /// <summary>A resource vector on one line, e.g. <c>cpu 2000m, memory 4096Mi, storage 100Gi</c> (GPUs only when any).</summary>
    public static string Resources(ResourceVector? vector)
    {
        if (vector is null)
        {
            return "-";
        }

        var text = $"cpu {Cpu(vector.CpuMillicores)}, memory {Memory(vector.MemoryMib)}, storage {Storage(vector.StorageGib)}";
        return vector.Gpu != 0 ? $"{text}, gpu {vector.Gpu.ToString(Invariant)}" : text;
    }

    /// <summary>A ratio as a percentage with one decimal, e.g. <c>87.5%</c>.</summary>
    public static string Percent(double ratio) => (ratio * 100).ToString("0.0", Invariant) + "%";

    /// <summary>A number with up to three decimals.</summary>
    public static string Number(double value) => value.ToString("0.###", Invariant);

    /// <summary>An MLPS level as its number (等保 level), "-" when unset.</summary>
    public static string Mlps(MlpsLevel level) => level == MlpsLevel.Unspecified ? "-" : ((int)level).ToString(Invariant);

    /// <summary>An enum value as the kebab-case of its C# name (<c>EgovExtranet</c> → <c>egov-extranet</c>); the names options accept.</summary>
    public static string Name<T>(T value)
        where T : struct, System.Enum
    {
        var name = value.ToString();
        var builder = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (c == '_')
            {
                continue;
            }

            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>A table with the given column headers, rounded borders, no wrapping of headers.</summary>
    public static Table Table(params string[] headers)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)).NoWrap());
        }

        return table;
    }

    /// <summary>The longest line a table cell shows (longer ones end in "…"; JSON and YAML carry every character).</summary>
    public const int MaxCellLine = 120;

    /// <summary>Adds a row of plain text cells (markup in values is shown as it is), each line cut at <see cref="MaxCellLine"/> characters.</summary>
    public static void Row(Table table, params string?[] cells) =>
        table.AddRow(cells.Select(c => (Spectre.Console.Rendering.IRenderable)new Text(Cut(c ?? ""))).ToArray());

    private static string Cut(string text) =>
        string.Join('\n', text.Split('\n').Select(line => line.Length <= MaxCellLine ? line : line[..(MaxCellLine - 1)] + "…"));

    /// <summary>A two-column table of field names and values, for one object.</summary>
    public static Table Fields(params (string Name, string? Value)[] fields)
    {
        var table = new Table().Border(TableBorder.Rounded).HideHeaders();
        table.AddColumn(new TableColumn("field").NoWrap());
        table.AddColumn(new TableColumn("value"));
        foreach (var (name, value) in fields)
        {
            Row(table, name, value);
        }

        return table;
    }

    /// <summary>The first <paramref name="count"/> items and how many more (a table cell stays short; JSON has them all).</summary>
    public static string Some(IReadOnlyCollection<string> items, int count) =>
        items.Count <= count ? string.Join(", ", items) : $"{string.Join(", ", items.Take(count))} +{items.Count - count} more";

    /// <summary>Labels as <c>k=v</c> pairs separated by commas.</summary>
    public static string Labels(IEnumerable<KeyValuePair<string, string>> labels) =>
        string.Join(", ", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
}
