namespace CloudGov.Operations.Tests;

/// <summary>The shipped operations files, found from the folder holding CloudGov.sln above the test assembly.</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CloudGov.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no CloudGov.sln above {AppContext.BaseDirectory}");
    });

    /// <summary>The repository root.</summary>
    public static string Root => RootPath.Value;

    /// <summary>The Prometheus folder (scrape config, rules, rule tests).</summary>
    public static string Prometheus => Path.Combine(Root, "dashboards", "prometheus");

    /// <summary>The alert rules file.</summary>
    public static string AlertRules => Path.Combine(Prometheus, "rules", "cloudgov-alerts.yml");

    /// <summary>The promtool unit-test files.</summary>
    public static string[] RuleTests => [.. Directory.GetFiles(Path.Combine(Prometheus, "tests"), "*.yml").Order(StringComparer.Ordinal)];

    /// <summary>The Alertmanager example.</summary>
    public static string Alertmanager => Path.Combine(Root, "dashboards", "alertmanager", "alertmanager.yml");

    /// <summary>The Grafana folder (provisioning, dashboards).</summary>
    public static string Grafana => Path.Combine(Root, "dashboards", "grafana");

    /// <summary>The Grafana dashboards.</summary>
    public static string[] Dashboards => [.. Directory.GetFiles(Path.Combine(Grafana, "dashboards"), "*.json").Order(StringComparer.Ordinal)];
}
