namespace CloudGov.Baselines.Custom;

/// <summary>How a custom rule compares its fact with the expected value.</summary>
public enum FactOperator
{
    /// <summary>The fact equals the value (case-insensitive).</summary>
    Equals,

    /// <summary>The fact differs from the value (case-insensitive); an absent fact passes.</summary>
    NotEquals,

    /// <summary>The fact is one of the values (case-insensitive).</summary>
    In,

    /// <summary>The fact is none of the values (case-insensitive); an absent fact passes.</summary>
    NotIn,

    /// <summary>The fact is a number at least the value.</summary>
    AtLeast,

    /// <summary>The fact is a number at most the value.</summary>
    AtMost,

    /// <summary>The fact is reported at all.</summary>
    Exists,

    /// <summary>The fact, a comma-separated list, holds none of the values (an absent fact passes).</summary>
    ListExcludes,
}
