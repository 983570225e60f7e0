namespace CloudGov.ControlPlane.Grains.Scheduling;

/// <summary>
/// Turns the pure scheduling validators' problems (which name a setting by its property, e.g. <c>Headroom must be
/// within [0, 0.5] (was 0.9).</c>) into option failures that name the configuration key, e.g.
/// <c>CloudGov:Scheduling:Headroom must be within [0, 0.5] (was 0.9).</c>; all problems at once.
/// </summary>
internal static class SectionFailures
{
    /// <summary>Success when <paramref name="problems"/> is empty; otherwise every problem under <paramref name="section"/>.</summary>
    public static ValidateOptionsResult From<T>(string section, IReadOnlyList<string> problems)
    {
        if (problems.Count == 0)
        {
            return ValidateOptionsResult.Success;
        }

        var properties = typeof(T).GetProperties().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        return ValidateOptionsResult.Fail(problems.Select(problem => Qualify(section, properties, problem)));
    }

    private static string Qualify(string section, HashSet<string> properties, string problem)
    {
        int end = 0;
        while (end < problem.Length && char.IsLetterOrDigit(problem[end]))
        {
            end++;
        }

        return end > 0 && properties.Contains(problem[..end])
            ? $"{section}:{problem}"
            : $"{section}: {problem}";
    }
}
