using System.Text.RegularExpressions;

namespace CloudGov.Operations.Tests;

/// <summary>
/// Checks that every metric, label and literal label value an expression names exists on a host's /metrics;
/// returns one line per problem, naming where the expression came from.
/// </summary>
internal static partial class MetricReferenceCheck
{
    /// <summary>Series Prometheus writes itself (per scrape target, per alert); never on a host's /metrics.</summary>
    internal static readonly HashSet<string> PrometheusMade = new(StringComparer.Ordinal)
    {
        "up", "ALERTS", "ALERTS_FOR_STATE", "scrape_duration_seconds", "scrape_samples_scraped", "scrape_series_added",
    };

    /// <summary>Labels Prometheus attaches at scrape time (target and external labels).</summary>
    internal static readonly HashSet<string> PrometheusLabels = new(StringComparer.Ordinal) { "instance", "job", "cluster", "alertname", "alertstate", "severity" };

    /// <summary>
    /// MERGE-ALIGN(baselines): the metrics the rules and the compliance dashboard read from the baselines stream
    /// (issue-baselines; the names its work in progress exports). Each may be absent only while /metrics has no
    /// cloudgov_baseline_* metric at all (before that stream is merged); once any is exported these must be there too,
    /// or the rules, the dashboard and this list are renamed to what that stream exports.
    /// </summary>
    internal static readonly HashSet<string> PendingBaselineMetrics = new(StringComparer.Ordinal)
    {
        "cloudgov_baseline_zone_violations",
        "cloudgov_baseline_findings_open",
        "cloudgov_baseline_zone_fit",
    };

    /// <summary>The problems of <paramref name="expressions"/> against <paramref name="metrics"/>; empty when every name exists.</summary>
    public static IReadOnlyList<string> Problems(IEnumerable<(string Source, string Expr)> expressions, MetricsExposition metrics)
    {
        bool baselinesExported = metrics.Names.Any(n => n.StartsWith("cloudgov_baseline_", StringComparison.Ordinal));
        var problems = new List<string>();
        foreach (var (source, expr) in expressions)
        {
            PromQlNames.Names names;
            try
            {
                names = PromQlNames.Of(expr);
            }
            catch (FormatException ex)
            {
                problems.Add($"{source}: cannot read '{expr}': {ex.Message}");
                continue;
            }

            var labelsHere = new HashSet<string>(StringComparer.Ordinal);
            bool pendingAbsent = false;
            foreach (var selector in names.Selectors.Where(s => !PrometheusMade.Contains(s.Metric)))
            {
                var series = metrics.Series(selector.Metric);
                if (series.Count == 0 && !baselinesExported && PendingBaselineMetrics.Contains(selector.Metric))
                {
                    pendingAbsent = true;
                    continue;
                }

                if (series.Count == 0)
                {
                    problems.Add($"{source}: metric {selector.Metric} has no series on /metrics");
                    continue;
                }

                labelsHere.UnionWith(series.SelectMany(s => s.Keys));
                foreach (var m in selector.Matchers.Where(m => !PrometheusLabels.Contains(m.Label)))
                {
                    if (!series.Any(s => s.ContainsKey(m.Label)))
                    {
                        problems.Add($"{source}: {selector.Metric} has no label {m.Label}");
                    }
                    else if (!m.Value.Contains('$', StringComparison.Ordinal) && m.Op is "=" or "=~" && MissingValues(series, m) is { Count: > 0 } missing)
                    {
                        problems.Add($"{source}: {selector.Metric} has no series with {m.Label}={string.Join(" or ", missing.Select(v => $"\"{v}\""))}");
                    }
                }
            }

            foreach (var label in names.GroupingLabels.Where(l => !PrometheusLabels.Contains(l)).Distinct())
            {
                if (!labelsHere.Contains(label) && !pendingAbsent)
                {
                    problems.Add($"{source}: groups by {label}, which none of its metrics carries");
                }
            }
        }

        return problems;
    }

    /// <summary>The values of an = or =~ matcher that no series has (a regex of plain alternatives needs each alternative).</summary>
    private static List<string> MissingValues(IReadOnlyList<IReadOnlyDictionary<string, string>> series, PromQlNames.Matcher m)
    {
        var values = series.Select(s => s.GetValueOrDefault(m.Label)).Where(v => v is not null).ToHashSet(StringComparer.Ordinal);
        if (m.Op == "=")
        {
            return values.Contains(m.Value) ? [] : [m.Value];
        }

        if (Alternatives().IsMatch(m.Value))
        {
            return [.. m.Value.Split('|').Where(v => !values.Contains(v))];
        }

        var regex = new Regex($"^(?:{m.Value})$", RegexOptions.None, TimeSpan.FromSeconds(1));
        return values.Any(v => regex.IsMatch(v!)) ? [] : [m.Value];
    }

    [GeneratedRegex(@"^[A-Za-z0-9_]+(\|[A-Za-z0-9_]+)*$")]
    private static partial Regex Alternatives();
}
