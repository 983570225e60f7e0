namespace CloudGov.Baselines.Model;

/// <summary>A rule's verdict on one subject, with the facts that decided it and the reason in both languages.</summary>
public sealed record RuleVerdict(Outcome Outcome, IReadOnlyList<Evidence> Evidence, string Message, string MessageZh)
{
    /// <summary>Does not apply.</summary>
    public static RuleVerdict NotApplicable { get; } = new(Outcome.NotApplicable, [], "", "");

    /// <summary>Complies, with the facts that showed it.</summary>
    public static RuleVerdict Pass(params Evidence[] evidence) => new(Outcome.Pass, evidence, "", "");

    /// <summary>Violates, with the facts that showed it and why.</summary>
    public static RuleVerdict Violation(string message, string messageZh, params Evidence[] evidence) => new(Outcome.Violation, evidence, message, messageZh);

    /// <summary>True for a violation.</summary>
    public bool Violated => Outcome == Outcome.Violation;
}
