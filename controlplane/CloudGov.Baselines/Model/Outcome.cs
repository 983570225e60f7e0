namespace CloudGov.Baselines.Model;

/// <summary>What a rule decided about a subject.</summary>
public enum Outcome
{
    /// <summary>The rule does not apply (another provider, no such resource, no workload).</summary>
    NotApplicable = 0,

    /// <summary>The subject complies.</summary>
    Pass = 1,

    /// <summary>The subject violates the rule.</summary>
    Violation = 2,
}
