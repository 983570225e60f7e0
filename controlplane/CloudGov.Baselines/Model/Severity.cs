namespace CloudGov.Baselines.Model;

/// <summary>How grave a violation is. Values equal the baseline API's Severity.</summary>
public enum Severity
{
    /// <summary>Not set.</summary>
    Unspecified = 0,

    /// <summary>Low.</summary>
    Low = 1,

    /// <summary>Medium.</summary>
    Medium = 2,

    /// <summary>High.</summary>
    High = 3,

    /// <summary>Critical.</summary>
    Critical = 4,
}
