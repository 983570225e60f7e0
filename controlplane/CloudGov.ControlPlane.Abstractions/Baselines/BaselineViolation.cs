namespace CloudGov.ControlPlane.Abstractions.Baselines;

/// <summary>One rule a subject violates, as stored: the rule's scope and effect at the time, the evidence and the reason.</summary>
/// <param name="RuleId">The rule.</param>
/// <param name="Levels">The MLPS levels it applies to, as bits (bit 0 = level 1).</param>
/// <param name="Enforced">True when the rule enforces (blocks placement and migration).</param>
/// <param name="Action">The rule's action (0 none, 1 quarantine, 2 evacuate; the baseline API's RuleAction).</param>
/// <param name="Severity">The rule's severity (1 low … 4 critical; the baseline API's Severity).</param>
/// <param name="Evidence">The facts that decided it.</param>
/// <param name="Message">The reason in English.</param>
[GenerateSerializer, Immutable, Alias("cloudgov.BaselineViolation")]
public sealed record BaselineViolation(
    [property: Id(0)] string RuleId,
    [property: Id(1)] byte Levels,
    [property: Id(2)] bool Enforced,
    [property: Id(3)] int Action,
    [property: Id(4)] int Severity,
    [property: Id(5)] ImmutableArray<BaselineEvidence> Evidence,
    [property: Id(6)] string Message)
{
    /// <summary>The quarantine action's value.</summary>
    public const int QuarantineAction = 1;

    /// <summary>The evacuate action's value.</summary>
    public const int EvacuateAction = 2;

    /// <summary>True when the rule applies to <paramref name="level"/>.</summary>
    public bool AppliesTo(MlpsLevel level) => level is >= MlpsLevel.Level1 and <= MlpsLevel.Level4 && (Levels & (1 << ((int)level - 1))) != 0;
}
