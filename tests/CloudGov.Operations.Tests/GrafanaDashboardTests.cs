using System.Text;
using System.Text.RegularExpressions;

namespace CloudGov.Operations.Tests;

/// <summary>The Grafana dashboards and provisioning: every dashboard there, on the provisioned datasource, every query valid PromQL.</summary>
public sealed partial class GrafanaDashboardTests
{
    private const string DatasourceUid = "cloudgov-prometheus";

    [Test]
    public void Dashboards_TheFiveViews_ArePresentWithUniqueUids()
    {
        var dashboards = DashboardFile.All();

        Assert.That(dashboards.Select(d => d.Uid), Is.EquivalentTo(new[] { "cloudgov-onecloud", "cloudgov-zone", "cloudgov-plans", "cloudgov-quota", "cloudgov-compliance" }));
        Assert.That(dashboards, Has.All.Matches<DashboardFile>(d => d!.Title.StartsWith("CloudGov ", StringComparison.Ordinal) && d.Queries.Count >= 4));
    }

    [Test]
    public void Dashboards_EveryPanelAndVariable_UseTheProvisionedDatasource()
    {
        string provisioning = File.ReadAllText(Path.Combine(RepositoryFiles.Grafana, "provisioning", "datasources", "cloudgov.yml"));
        Assert.That(provisioning, Does.Contain($"uid: {DatasourceUid}").And.Contain("type: prometheus"));

        foreach (var dashboard in DashboardFile.All())
        {
            Assert.That(dashboard.DatasourceUids, Is.Not.Empty.And.All.EqualTo(DatasourceUid), dashboard.FileName);
            Assert.That(dashboard.Queries, Has.All.Matches<DashboardFile.Query>(q => q!.Expr.Length > 0), $"{dashboard.FileName}: every target has an expression");
        }
    }

    [Test]
    public void ZoneDashboard_TemplatedByZone_EveryQueryFiltersOnIt()
    {
        var zone = DashboardFile.All().Single(d => d.Uid == "cloudgov-zone");

        Assert.That(zone.Variables.Select(v => (v.Name, v.Definition)), Is.EqualTo(new[] { ("zone", "label_values(cloudgov_zone_status, zone)") }));
        Assert.That(zone.Queries, Has.All.Matches<DashboardFile.Query>(q => q!.Expr.Contains("zone=\"$zone\"", StringComparison.Ordinal)));
    }

    [Test]
    public void DashboardProvider_PointsAtTheDashboardsFolderThroughOneVariable()
    {
        string provider = File.ReadAllText(Path.Combine(RepositoryFiles.Grafana, "provisioning", "dashboards", "cloudgov.yml"));

        Assert.That(provider, Does.Contain("type: file").And.Contain("path: ${CLOUDGOV_GRAFANA_DASHBOARDS}"));
    }

    [Test]
    public async Task Queries_EveryDashboardExpression_IsPromQlThatPromtoolAccepts()
    {
        // promtool has no single-expression check, so each query becomes a recording rule (Grafana variables replaced).
        var rules = new StringBuilder("groups:\n  - name: dashboard-queries\n    rules:\n");
        int n = 0;
        foreach (var dashboard in DashboardFile.All())
        {
            foreach (var query in dashboard.Queries)
            {
                string expr = GrafanaVariable().Replace(query.Expr, "gx-check");
                rules.Append($"      - record: cloudgov_dashboard_query_{n++}\n        expr: '{expr.Replace("'", "''", StringComparison.Ordinal)}'\n");
            }
        }

        string file = Path.Combine(Path.GetTempPath(), $"cloudgov-dashboard-queries-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(file, rules.ToString());
        try
        {
            var result = (await ExternalTool.RunAsync("promtool", "check", "rules", file)).AssertSucceeded("promtool check rules on the dashboards' queries");
            Assert.That(result.Output, Does.Contain($"SUCCESS: {n} rules found"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [GeneratedRegex(@"\$\{?[A-Za-z_][A-Za-z0-9_]*\}?")]
    private static partial Regex GrafanaVariable();
}
