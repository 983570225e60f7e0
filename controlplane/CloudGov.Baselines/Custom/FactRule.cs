using System.Globalization;
using CloudGov.Baselines.Model;

namespace CloudGov.Baselines.Custom;

/// <summary>A custom rule: one fact compared with an expected value; loaded and validated by <see cref="CustomRuleLoader"/>.</summary>
public sealed class FactRule : IBaselineRule
{
    private readonly string _fact;
    private readonly FactOperator _operator;
    private readonly string[] _values;
    private readonly double _number;

    internal FactRule(RuleDescriptor descriptor, string fact, FactOperator op, string[] values)
    {
        Descriptor = descriptor;
        _fact = fact;
        _operator = op;
        _values = values;
        _number = op is FactOperator.AtLeast or FactOperator.AtMost ? double.Parse(values[0], CultureInfo.InvariantCulture) : 0;
    }

    /// <inheritdoc />
    public RuleDescriptor Descriptor { get; }

    /// <inheritdoc />
    public RuleVerdict Evaluate(ZoneFacts? zone, WorkloadFacts? workload)
    {
        IFacts? facts = _fact.StartsWith("workload.", StringComparison.Ordinal) || _fact.StartsWith("ledger.", StringComparison.Ordinal) ? workload : zone;
        if (facts is null || (Descriptor.Subject == RuleSubject.WorkloadInZone && (zone is null || workload is null)))
        {
            return RuleVerdict.NotApplicable;
        }

        var observed = facts.Get(_fact);
        var evidence = new Evidence(_fact, observed ?? Evidence.Absent, Expected());
        bool ok = _operator switch
        {
            FactOperator.Equals => observed is not null && _values[0].Equals(observed.Trim(), StringComparison.OrdinalIgnoreCase),
            FactOperator.NotEquals => observed is null || !_values[0].Equals(observed.Trim(), StringComparison.OrdinalIgnoreCase),
            FactOperator.In => observed is not null && _values.Contains(observed.Trim(), StringComparer.OrdinalIgnoreCase),
            FactOperator.NotIn => observed is null || !_values.Contains(observed.Trim(), StringComparer.OrdinalIgnoreCase),
            FactOperator.AtLeast => Number(observed) is { } n && n >= _number,
            FactOperator.AtMost => Number(observed) is { } n && n <= _number,
            FactOperator.Exists => observed is not null,
            FactOperator.ListExcludes => observed is null || !observed.Split(',', StringSplitOptions.TrimEntries).Intersect(_values, StringComparer.OrdinalIgnoreCase).Any(),
            _ => false,
        };
        return ok
            ? RuleVerdict.Pass(evidence)
            : RuleVerdict.Violation($"{_fact} is {observed ?? "not reported"}; expected {Expected()}", $"{_fact} 为 {observed ?? "未报告"}，应为 {Expected()}", evidence);
    }

    private string Expected() => _operator switch
    {
        FactOperator.Equals => $"= {_values[0]}",
        FactOperator.NotEquals => $"!= {_values[0]}",
        FactOperator.In => $"one of {string.Join(", ", _values)}",
        FactOperator.NotIn => $"none of {string.Join(", ", _values)}",
        FactOperator.AtLeast => $">= {_values[0]}",
        FactOperator.AtMost => $"<= {_values[0]}",
        FactOperator.Exists => "reported",
        _ => $"a list without {string.Join(", ", _values)}",
    };

    private static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double n) && double.IsFinite(n) ? n : null;
}
