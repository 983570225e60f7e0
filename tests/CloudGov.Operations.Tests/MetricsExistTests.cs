using System.Text.RegularExpressions;
using CloudGov.Proto.Tenant.V1;
using Common = CloudGov.Proto.Common.V1;

namespace CloudGov.Operations.Tests;

/// <summary>
/// A real control-plane host with simulated agents and a tenant: every metric, label and label value that the alert
/// rules and the Grafana dashboards name is on its /metrics (so no alert or panel is silently empty).
/// </summary>
[NonParallelizable]
public sealed partial class MetricsExistTests
{
    private const string TenantId = "gx-ops-metrics";
    private static readonly string[] Zones = ["gx-ops-a", "gx-ops-b"];

    [Test]
    public async Task Metrics_EveryNameInRulesAndDashboards_ExistsOnARunningHost()
    {
        await using var host = await ControlPlaneProcess.StartAsync(new Dictionary<string, string?>(ControlPlaneProcess.FastPlanSettings()) { ["Baselines:Enabled"] = "true" });
        var agents = new List<AgentProcess>();
        try
        {
            foreach (var zone in Zones)
            {
                var settings = AgentProcess.ZoneSettings(host.AgentAddress, zone, workloads: 12);
                settings["Agent:Simulation:IntentShare"] = "0.5"; // some workloads without an intent: the ledger adopts them unmanaged
                if (zone == Zones[1])
                {
                    // A critical, quarantining zone rule violated, so the baseline series the rules read exist once the
                    // baselines stream is merged (until then the agent has no such knob and ignores the setting).
                    settings["Agent:Simulation:ViolateRules:0"] = "no-world-open-mgmt-ports";
                }
                agents.Add(await AgentProcess.StartAsync(settings));
            }

            using var http = new HttpClient { BaseAddress = host.HttpAddress };
            await Eventually.HoldsAsync(
                async () => Zones.All((await http.GetStringAsync("/metrics")).Contains),
                "both zones on /metrics");

            // A tenant with an allocation (the one cloud has capacity once the zones reported; retried until it has).
            var quota = new QuotaService.QuotaServiceClient(host.Channel);
            await Eventually.ReturnsAsync(
                async () => await quota.CreateTenantAsync(new CreateTenantRequest
                {
                    TenantId = TenantId,
                    DisplayName = "运行中心指标测试",
                    Allocated = new Common.ResourceVector { CpuMillicores = 50_000 },
                }),
                _ => true,
                "the tenant to be created once the zones' capacity is known");

            string text = await Eventually.ReturnsAsync(
                () => http.GetStringAsync("/metrics"),
                t => Zones.All(z => t.Contains($"cloudgov_zone_agent_connected{{zone=\"{z}\"}} 1", StringComparison.Ordinal)
                        && t.Contains($"cloudgov_ledger_workloads{{zone=\"{z}\",state=\"unmanaged\"}}", StringComparison.Ordinal))
                    && t.Contains($"cloudgov_quota_tenant_usage_ratio{{tenant=\"{TenantId}\",resource=\"cpu\"}}", StringComparison.Ordinal),
                "both zones connected with ledger records, and the tenant's usage ratio, on /metrics");
            var metrics = MetricsExposition.Parse(text);

            var expressions = AlertRuleFile.Rules().Select(r => ($"alert {r.Alert}", r.Expr))
                .Concat(DashboardFile.All().SelectMany(d => d.Queries.Select(q => ($"{d.FileName} panel '{q.Panel}'", q.Expr))))
                .Concat(DashboardFile.All().SelectMany(d => d.Variables.Select(v => ($"{d.FileName} variable {v.Name}", VariableSelector(v.Definition)))))
                .ToList();

            var problems = MetricReferenceCheck.Problems(expressions, metrics);

            Assert.That(expressions, Has.Count.GreaterThan(40), "the rules and dashboards were read");
            Assert.That(problems, Is.Empty, string.Join('\n', problems));
            TestContext.Out.WriteLine($"{expressions.Count} expressions checked against {metrics.Names.Count()} sample names; pending from issue-baselines while absent: {string.Join(", ", MetricReferenceCheck.PendingBaselineMetrics.Where(m => metrics.Series(m).Count == 0))}");
        }
        finally
        {
            foreach (var agent in agents)
            {
                await agent.DisposeAsync();
            }
        }
    }

    /// <summary>A Grafana <c>label_values(metric, label)</c> as a PromQL expression that names both (<c>max by (label) (metric)</c>).</summary>
    private static string VariableSelector(string definition)
    {
        var m = LabelValues().Match(definition);
        Assert.That(m.Success, Is.True, $"variable query '{definition}' is label_values(metric, label)");
        return $"max by ({m.Groups[2].Value}) ({m.Groups[1].Value})";
    }

    [GeneratedRegex(@"^label_values\(\s*([A-Za-z_:][A-Za-z0-9_:]*(?:\{[^}]*\})?)\s*,\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)$")]
    private static partial Regex LabelValues();
}
