using System.Globalization;
using CloudGov.Baselines.Model;

namespace CloudGov.Baselines.Rules;

/// <summary>Helpers the built-in rules share: one fact against an expectation, with its evidence.</summary>
internal static class FactCheck
{
    /// <summary>
    /// Passes when fact <paramref name="key"/> equals <paramref name="expected"/> (ordinal, case-insensitive); an absent
    /// fact violates (a baseline is proven by a report, never assumed).
    /// </summary>
    public static RuleVerdict Equal(IFacts facts, string key, string expected, string message, string messageZh)
    {
        var observed = facts.Get(key);
        var evidence = new Evidence(key, observed ?? Evidence.Absent, $"= {expected}");
        return string.Equals(observed?.Trim(), expected, StringComparison.OrdinalIgnoreCase)
            ? RuleVerdict.Pass(evidence)
            : RuleVerdict.Violation(message, messageZh, evidence);
    }

    /// <summary>Passes when integer fact <paramref name="key"/> lies within [min, max]; absent or not an integer violates.</summary>
    public static RuleVerdict Within(IFacts facts, string key, long min, long max, string message, string messageZh)
    {
        var observed = facts.Get(key);
        string expected = max == long.MaxValue ? $">= {min}" : min == long.MinValue ? $"<= {max}" : $"{min}..{max}";
        var evidence = new Evidence(key, observed ?? Evidence.Absent, expected);
        return long.TryParse(observed, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) && value >= min && value <= max
            ? RuleVerdict.Pass(evidence)
            : RuleVerdict.Violation(message, messageZh, evidence);
    }

    /// <summary>Parses an integer fact; null when absent or malformed.</summary>
    public static long? Integer(IFacts facts, string key) =>
        long.TryParse(facts.Get(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) ? value : null;
}
