namespace CloudGov.ControlPlane.Abstractions.Ledger;

/// <summary>What an intent change did (or, previewed, would do) in one shard or across the ledger.</summary>
/// <param name="Matched">Records the selector matched (and new ids it registers).</param>
/// <param name="Changes">Each changed record.</param>
/// <param name="Breaks">Each current placement the new intent breaks.</param>
/// <param name="Problems">Why the change cannot be made (e.g. an unmanaged record without allowed regions); nothing changes when any.</param>
[GenerateSerializer, Immutable, Alias("cloudgov.IntentOutcome")]
public sealed record IntentOutcome(
    [property: Id(0)] int Matched,
    [property: Id(1)] ImmutableArray<IntentChange> Changes,
    [property: Id(2)] ImmutableArray<PlacementBreak> Breaks,
    [property: Id(3)] ImmutableArray<string> Problems)
{
    /// <summary>Nothing matched, nothing changed.</summary>
    public static IntentOutcome Empty { get; } = new(0, [], [], []);
}
