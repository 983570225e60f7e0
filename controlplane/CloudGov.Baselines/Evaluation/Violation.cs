using CloudGov.Baselines.Model;

namespace CloudGov.Baselines.Evaluation;

/// <summary>One rule a subject violates, with the verdict's evidence and reason.</summary>
public sealed record Violation(RuleDescriptor Rule, RuleVerdict Verdict)
{
    /// <summary>The rule's id.</summary>
    public string RuleId => Rule.Id;
}
