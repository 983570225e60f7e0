namespace CloudGov.Baselines.Model;

/// <summary>What a violation does. Values equal the baseline API's RuleMode.</summary>
public enum RuleMode
{
    /// <summary>Not set.</summary>
    Unspecified = 0,

    /// <summary>Reported as a finding only.</summary>
    Audit = 1,

    /// <summary>Reported, and blocks placement and migration onto the subject for the rule's levels (unless waived).</summary>
    Enforce = 2,
}
