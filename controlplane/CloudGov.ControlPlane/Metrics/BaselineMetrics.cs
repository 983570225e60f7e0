using CloudGov.ControlPlane.Abstractions.Baselines;
using Prometheus;

namespace CloudGov.ControlPlane.Metrics;

/// <summary>
/// The security baseline's metrics (refreshed on scrape): open findings per rule and severity, zone-rule violations per
/// zone and rule, and each zone's fitness per MLPS level and quarantine.
/// </summary>
internal sealed class BaselineMetrics(IMetricFactory factory)
{
    private static readonly string[] Severities = ["unspecified", "low", "medium", "high", "critical"];

    private readonly Gauge _open = factory.CreateGauge(
        "cloudgov_baseline_findings_open", "Open security-baseline findings by rule and severity.", ["rule", "severity"]);

    private readonly Gauge _zoneViolations = factory.CreateGauge(
        "cloudgov_baseline_zone_violations", "Zone rules a zone violates now (1 per violated rule), by zone, rule and severity.", ["zone", "rule", "severity"]);

    private readonly Gauge _fit = factory.CreateGauge(
        "cloudgov_baseline_zone_fit", "1 when the zone is fit for systems of the MLPS level (no enforced, unwaived rule of the level violated), else 0.", ["zone", "level"]);

    private readonly Gauge _quarantined = factory.CreateGauge(
        "cloudgov_baseline_zone_quarantined", "1 while the zone is quarantined by a baseline rule, else 0.", ["zone"]);

    /// <summary>Sets every gauge from the findings and the one-cloud index; series that went away are dropped.</summary>
    public void Observe(IReadOnlyList<FindingView> open, IReadOnlyList<ZoneSummary> zones, IReadOnlyDictionary<string, ZoneBaseline> verdicts, DateTimeOffset now)
    {
        Reset(_open);
        foreach (var g in open.GroupBy(f => (f.Finding.RuleId, f.Finding.Severity)))
        {
            _open.WithLabels(g.Key.RuleId, Severity(g.Key.Severity)).Set(g.Count());
        }

        Reset(_zoneViolations);
        foreach (var (zoneId, verdict) in verdicts)
        {
            foreach (var v in verdict.Violations)
            {
                _zoneViolations.WithLabels(zoneId, v.RuleId, Severity(v.Severity)).Set(1);
            }
        }

        foreach (var zone in zones)
        {
            var blocks = Grains.Plans.SnapshotMapper.BaselineBlocksOf(zone, now);
            for (int level = 1; level <= 4; level++)
            {
                bool fit = zone.QuarantineRuleId is null && (blocks.IsDefaultOrEmpty || blocks[level - 1] is null);
                _fit.WithLabels(zone.ZoneId, level.ToString(System.Globalization.CultureInfo.InvariantCulture)).Set(fit ? 1 : 0);
            }

            _quarantined.WithLabels(zone.ZoneId).Set(zone.QuarantineRuleId is null ? 0 : 1);
        }
    }

    private static string Severity(int s) => s is >= 0 and <= 4 ? Severities[s] : "unspecified";

    private static void Reset(Gauge gauge)
    {
        foreach (var labels in gauge.GetAllLabelValues().ToList())
        {
            gauge.RemoveLabelled(labels);
        }
    }
}
