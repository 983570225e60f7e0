namespace CloudGov.ControlPlane.Grains.Baselines;

/// <summary>The security baseline's settings. Bound from the <c>Baselines</c> configuration section.</summary>
public sealed class BaselineOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Baselines";

    /// <summary>
    /// A JSON file of custom rules (README, "Custom rules") added to the built-in pack; validated at start, and a file with
    /// any problem stops the host naming the file, the rule and what is wrong. Default empty: the built-in pack alone.
    /// </summary>
    public string CustomRulesPath { get; set; } = string.Empty;

    /// <summary>
    /// True (default): the built-in pack and the custom rules are evaluated and enforced. False: no rule is evaluated — every
    /// zone is compliant and nothing is quarantined (for test hosts whose hand-driven agents report no posture; never in
    /// production).
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the full audit runs (every zone and every ledger workload). Default 10 min; 10 s to 24 h.</summary>
    public TimeSpan FullAuditInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>True (default): a violated, enforced, unwaived rule with the evacuate action proposes an evacuation plan.</summary>
    public bool ProposeEvacuations { get; set; } = true;

    /// <summary>How many resolved findings are kept for the record (newest). Default 10,000; 0 to 1,000,000.</summary>
    public int MaxResolvedFindingsKept { get; set; } = 10_000;

    /// <summary>How many waivers are kept (pending, approved, revoked and expired). Default 10,000; 10 to 1,000,000.</summary>
    public int MaxWaivers { get; set; } = 10_000;
}
