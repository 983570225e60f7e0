namespace CloudGov.ControlPlane.Abstractions.Baselines;

/// <summary>
/// An enforced zone rule a zone violates, as the one-cloud index carries it to the scheduler: it blocks systems of its
/// levels unless waived until after the scheduler's now.
/// </summary>
/// <param name="RuleId">The rule.</param>
/// <param name="Levels">Its MLPS levels as bits (bit 0 = level 1).</param>
/// <param name="WaivedUntil">The expiry of the approved waiver in force, or null.</param>
/// <param name="Evacuate">True when the rule's action is to evacuate the zone (false in blocks stored before it).</param>
[GenerateSerializer, Immutable, Alias("cloudgov.BaselineBlock")]
public sealed record BaselineBlock(
    [property: Id(0)] string RuleId,
    [property: Id(1)] byte Levels,
    [property: Id(2)] DateTimeOffset? WaivedUntil,
    [property: Id(3)] bool Evacuate = false)
{
    /// <summary>True when it is not waived at <paramref name="now"/>.</summary>
    public bool InForce(DateTimeOffset now) => WaivedUntil is not { } until || now >= until;

    /// <summary>True when it blocks systems of <paramref name="level"/> at <paramref name="now"/>.</summary>
    public bool Blocks(MlpsLevel level, DateTimeOffset now) =>
        level is >= MlpsLevel.Level1 and <= MlpsLevel.Level4 && (Levels & (1 << ((int)level - 1))) != 0 && (WaivedUntil is not { } until || now >= until);
}
