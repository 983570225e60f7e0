using System.Text;

namespace CloudGov.Operations.Tests;

/// <summary>The series of a Prometheus text exposition (/metrics): sample name and labels, values ignored.</summary>
internal sealed class MetricsExposition
{
    private readonly Dictionary<string, List<IReadOnlyDictionary<string, string>>> _series;

    private MetricsExposition(Dictionary<string, List<IReadOnlyDictionary<string, string>>> series) => _series = series;

    /// <summary>The sample names (a histogram's appear as _bucket, _sum and _count).</summary>
    public IEnumerable<string> Names => _series.Keys;

    /// <summary>The label sets of <paramref name="name"/>'s series; empty if none.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Series(string name) =>
        _series.TryGetValue(name, out var series) ? series : [];

    /// <summary>Reads an exposition.</summary>
    public static MetricsExposition Parse(string text)
    {
        var series = new Dictionary<string, List<IReadOnlyDictionary<string, string>>>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            int i = 0;
            while (i < line.Length && line[i] != '{' && line[i] != ' ')
            {
                i++;
            }

            string name = line[..i];
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (i < line.Length && line[i] == '{')
            {
                i++;
                while (i < line.Length && line[i] != '}')
                {
                    int eq = line.IndexOf('=', i);
                    string label = line[i..eq].Trim(' ', ',');
                    i = eq + 2; // past ="
                    var value = new StringBuilder();
                    while (line[i] != '"')
                    {
                        if (line[i] == '\\')
                        {
                            i++;
                            value.Append(line[i] == 'n' ? '\n' : line[i]);
                        }
                        else
                        {
                            value.Append(line[i]);
                        }

                        i++;
                    }

                    labels[label] = value.ToString();
                    i++;
                    if (i < line.Length && line[i] == ',')
                    {
                        i++;
                    }
                }
            }

            if (!series.TryGetValue(name, out var list))
            {
                series[name] = list = [];
            }

            list.Add(labels);
        }

        return new MetricsExposition(series);
    }
}
