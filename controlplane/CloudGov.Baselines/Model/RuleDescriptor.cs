namespace CloudGov.Baselines.Model;

/// <summary>What a rule is: its identity, provenance, scope and effect, as the catalogue shows it.</summary>
/// <param name="Id">1-64 characters: lowercase letters, digits and '-'.</param>
/// <param name="Title">One line in English (at most 200 characters).</param>
/// <param name="Source">Where it comes from.</param>
/// <param name="SourceReference">The clause, benchmark control (with pinned version) or file.</param>
/// <param name="Subject">What it judges.</param>
/// <param name="Levels">The MLPS levels it applies to.</param>
/// <param name="Severity">How grave a violation is.</param>
/// <param name="Mode">Audit or enforce.</param>
/// <param name="Action">What an enforced violation also triggers.</param>
/// <param name="RemediationZh">What to do, in Chinese.</param>
/// <param name="RemediationEn">What to do, in English.</param>
/// <param name="FactKeys">The fact keys it reads (see <see cref="FactKeys"/>).</param>
public sealed record RuleDescriptor(
    string Id,
    string Title,
    RuleSource Source,
    string SourceReference,
    RuleSubject Subject,
    LevelSet Levels,
    Severity Severity,
    RuleMode Mode,
    RuleAction Action,
    string RemediationZh,
    string RemediationEn,
    IReadOnlyList<string> FactKeys)
{
    /// <summary>True when the rule blocks placement and migration.</summary>
    public bool Enforced => Mode == RuleMode.Enforce;
}
