namespace CloudGov.Baselines.Model;

/// <summary>Where a rule comes from. Values equal the baseline API's RuleSource.</summary>
public enum RuleSource
{
    /// <summary>Not set.</summary>
    Unspecified = 0,

    /// <summary>GB/T 22239-2019 (MLPS 2.0), its cloud-computing extension or general requirements; the reference names the clause.</summary>
    Mlps = 1,

    /// <summary>A CIS benchmark; the reference names the benchmark, its pinned version and the control.</summary>
    Cis = 2,

    /// <summary>CloudGov's own operating rule.</summary>
    CloudGov = 3,

    /// <summary>A custom rule from a declarative file; the reference names the file.</summary>
    Custom = 4,
}
