namespace CloudGov.Operations.Tests;

/// <summary>The metrics-exist check reports what a real host would not serve: a metric, a label, a label value, a grouping label.</summary>
public sealed class MetricReferenceCheckTests
{
    private static readonly MetricsExposition Metrics = MetricsExposition.Parse("""
        # HELP cloudgov_zone_status 1 for the zone's current status.
        # TYPE cloudgov_zone_status gauge
        cloudgov_zone_status{zone="gx-a",status="Ready"} 1
        cloudgov_zone_status{zone="gx-a",status="Quarantined"} 0
        cloudgov_plan_moves_total{result="rolled_back"} 0
        cloudgov_plan_moves_total{result="completed"} 3
        cloudgov_onecloud_imbalance 0.1
        """);

    [Test]
    public void Problems_EverythingExists_None()
    {
        var problems = MetricReferenceCheck.Problems(
            [("ok", "max by (zone) (cloudgov_zone_status{status=~\"Ready|Quarantined\"}) == 1 or sum(increase(cloudgov_plan_moves_total{result=\"rolled_back\"}[15m])) > max(cloudgov_onecloud_imbalance) or absent(up{job=\"x\"})")],
            Metrics);

        Assert.That(problems, Is.Empty);
    }

    [TestCase("cloudgov_zone_statuses", "metric cloudgov_zone_statuses has no series")]
    [TestCase("cloudgov_zone_status{state=\"Ready\"}", "has no label state")]
    [TestCase("cloudgov_zone_status{status=\"Quarantine\"}", "has no series with status=\"Quarantine\"")]
    [TestCase("cloudgov_zone_status{status=~\"Ready|Draining\"}", "has no series with status=\"Draining\"")]
    [TestCase("max by (tenant) (cloudgov_zone_status)", "groups by tenant")]
    public void Problems_SomethingMissing_NamesIt(string expr, string expected)
    {
        var problems = MetricReferenceCheck.Problems([("rule X", expr)], Metrics);

        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0], Does.StartWith("rule X: ").And.Contain(expected));
    }

    [Test]
    public void Problems_PendingBaselineMetricWhileNoBaselineMetricExists_Allowed()
    {
        Assert.That(MetricReferenceCheck.Problems([("r", "sum by (zone) (max by (zone, rule) (cloudgov_baseline_zone_violations{severity=\"critical\"})) > 0")], Metrics), Is.Empty);
    }

    [Test]
    public void Problems_PendingBaselineMetricWhileOtherBaselineMetricsExist_Reported()
    {
        var metrics = MetricsExposition.Parse("cloudgov_baseline_zone_quarantined{zone=\"gx-a\"} 1\n");

        var problems = MetricReferenceCheck.Problems([("r", "sum by (zone) (max by (zone, rule) (cloudgov_baseline_zone_violations{severity=\"critical\"})) > 0")], metrics);

        Assert.That(problems, Has.Some.Contains("cloudgov_baseline_zone_violations has no series"));
    }
}
