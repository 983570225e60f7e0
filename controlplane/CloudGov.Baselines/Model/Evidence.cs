namespace CloudGov.Baselines.Model;

/// <summary>A fact that decided a verdict: what was observed and what the rule expects.</summary>
/// <param name="Key">The fact key.</param>
/// <param name="Observed">The value observed, or <see cref="Absent"/>.</param>
/// <param name="Expected">What the rule expects, in words.</param>
public sealed record Evidence(string Key, string Observed, string Expected)
{
    /// <summary>The observed value of a fact that was not reported.</summary>
    public const string Absent = "<absent>";
}
