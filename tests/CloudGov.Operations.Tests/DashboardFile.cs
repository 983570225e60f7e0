using System.Text.Json;

namespace CloudGov.Operations.Tests;

/// <summary>One shipped Grafana dashboard: its uid, title, panels' queries, template variables and the datasources it names.</summary>
internal sealed record DashboardFile(string FileName, string Uid, string Title, IReadOnlyList<DashboardFile.Query> Queries, IReadOnlyList<DashboardFile.Variable> Variables, IReadOnlyList<string> DatasourceUids)
{
    /// <summary>One panel target's PromQL.</summary>
    internal sealed record Query(string Panel, string Expr);

    /// <summary>One template variable: its name and Grafana query (e.g. <c>label_values(metric, label)</c>).</summary>
    internal sealed record Variable(string Name, string Definition);

    /// <summary>Every dashboard in <see cref="RepositoryFiles.Dashboards"/>.</summary>
    public static IReadOnlyList<DashboardFile> All() => [.. RepositoryFiles.Dashboards.Select(Load)];

    private static DashboardFile Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        var queries = new List<Query>();
        var datasources = new List<string>();
        foreach (var panel in Panels(root))
        {
            string title = panel.TryGetProperty("title", out var t) ? t.GetString() ?? string.Empty : string.Empty;
            Datasource(panel, datasources);
            if (!panel.TryGetProperty("targets", out var targets))
            {
                continue;
            }

            foreach (var target in targets.EnumerateArray())
            {
                Datasource(target, datasources);
                queries.Add(new Query(title, target.TryGetProperty("expr", out var e) ? e.GetString() ?? string.Empty : string.Empty));
            }
        }

        var variables = new List<Variable>();
        if (root.TryGetProperty("templating", out var templating))
        {
            foreach (var variable in templating.GetProperty("list").EnumerateArray())
            {
                Datasource(variable, datasources);
                variables.Add(new Variable(variable.GetProperty("name").GetString() ?? string.Empty, variable.TryGetProperty("definition", out var d) ? d.GetString() ?? string.Empty : string.Empty));
            }
        }

        return new DashboardFile(
            Path.GetFileName(path),
            root.TryGetProperty("uid", out var uid) ? uid.GetString() ?? string.Empty : string.Empty,
            root.TryGetProperty("title", out var title2) ? title2.GetString() ?? string.Empty : string.Empty,
            queries,
            variables,
            datasources);
    }

    private static IEnumerable<JsonElement> Panels(JsonElement element)
    {
        if (!element.TryGetProperty("panels", out var panels))
        {
            yield break;
        }

        foreach (var panel in panels.EnumerateArray())
        {
            yield return panel;
            foreach (var inner in Panels(panel))
            {
                yield return inner;
            }
        }
    }

    private static void Datasource(JsonElement element, List<string> uids)
    {
        if (element.TryGetProperty("datasource", out var ds) && ds.ValueKind == JsonValueKind.Object && ds.TryGetProperty("uid", out var uid))
        {
            uids.Add(uid.GetString() ?? string.Empty);
        }
    }
}
