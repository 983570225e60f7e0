namespace CloudGov.Operations.Tests;

/// <summary>The selector scanner finds what the metrics-exist check relies on, and nothing that is not a metric.</summary>
public sealed class PromQlNamesTests
{
    [Test]
    public void Of_AggregationWithOrAndMatchers_FindsBothSelectorsAndTheGroupingLabel()
    {
        var names = PromQlNames.Of("(max by (zone) (cloudgov_zone_status{status=\"Unreachable\"}) == 1) or (max by (zone) (cloudgov_zone_agent_connected) == 0)");

        Assert.That(names.Selectors.Select(s => s.Metric), Is.EqualTo(new[] { "cloudgov_zone_status", "cloudgov_zone_agent_connected" }));
        Assert.That(names.Selectors[0].Matchers, Is.EqualTo(new[] { new PromQlNames.Matcher("status", "=", "Unreachable") }));
        Assert.That(names.GroupingLabels, Is.EqualTo(new[] { "zone", "zone" }));
    }

    [Test]
    public void Of_FunctionsRangesAndNumbers_AreNotMetrics()
    {
        var names = PromQlNames.Of("histogram_quantile(0.95, sum by (le, trigger) (rate(cloudgov_plan_compute_seconds_bucket[1h]))) or vector(0) > 1e3");

        Assert.That(names.Selectors.Select(s => s.Metric), Is.EqualTo(new[] { "cloudgov_plan_compute_seconds_bucket" }));
        Assert.That(names.GroupingLabels, Is.EqualTo(new[] { "le", "trigger" }));
    }

    [Test]
    public void Of_RegexAndGrafanaVariable_KeepsTheMatcherValues()
    {
        var names = PromQlNames.Of("max(cloudgov_plan_progress_age_seconds{state=~\"Approved|Executing\"}) / on (zone) group_left max(cloudgov_zone_workloads{zone=\"$zone\", resource!=\"gpu\"})");

        Assert.That(names.Selectors[0].Matchers.Single(), Is.EqualTo(new PromQlNames.Matcher("state", "=~", "Approved|Executing")));
        Assert.That(names.Selectors[1].Matchers, Is.EqualTo(new[] { new PromQlNames.Matcher("zone", "=", "$zone"), new PromQlNames.Matcher("resource", "!=", "gpu") }));
        Assert.That(names.GroupingLabels, Is.EqualTo(new[] { "zone" }));
    }

    [Test]
    public void Of_UnclosedSelector_Throws()
    {
        Assert.That(() => PromQlNames.Of("cloudgov_zone_status{status=\"Ready\""), Throws.TypeOf<FormatException>());
    }
}
