namespace CloudGov.Baselines.Custom;

/// <summary>A custom rule file that cannot be used: every problem, each naming the file, the rule and what is wrong.</summary>
public sealed class CustomRuleFileException(string path, IReadOnlyList<string> problems)
    : Exception($"custom baseline rule file '{path}' is invalid:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems))
{
    /// <summary>The file.</summary>
    public string Path { get; } = path;

    /// <summary>Each problem: "rule 'id' (#n): field: what is wrong".</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
