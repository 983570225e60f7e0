namespace CloudGov.ControlPlane.Abstractions.Audit;

/// <summary>
/// One stored entry of the append-only audit trail. <see cref="Hash"/> is SHA-256 over the canonical encoding of every
/// other field (<see cref="AuditCanonical"/>), and <see cref="PreviousHash"/> is the hash of the entry before it in the
/// same chain (64 zeros for the first), so changing, removing or reordering an entry breaks the chain.
/// </summary>
/// <param name="Chain">The chain (one per deployment: <c>Storage:ServiceId</c>).</param>
/// <param name="Sequence">Position in the chain, from 1, without gaps.</param>
/// <param name="At">When it was appended (UTC, microsecond precision).</param>
/// <param name="Actor">Who decided.</param>
/// <param name="Action">The action's stored name (<see cref="AuditActionNames"/>).</param>
/// <param name="Targets">The ids the decision is about.</param>
/// <param name="Detail">Structured facts, keys sorted ordinally.</param>
/// <param name="Reason">Why.</param>
/// <param name="PreviousHash">Lowercase hex SHA-256 of the previous entry.</param>
/// <param name="Hash">Lowercase hex SHA-256 of this entry's canonical encoding.</param>
[GenerateSerializer, Immutable, Alias("cloudgov.AuditEntry")]
public sealed record AuditEntry(
    [property: Id(0)] string Chain,
    [property: Id(1)] long Sequence,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] AuditActor Actor,
    [property: Id(4)] string Action,
    [property: Id(5)] ImmutableArray<string> Targets,
    [property: Id(6)] ImmutableSortedDictionary<string, string> Detail,
    [property: Id(7)] string Reason,
    [property: Id(8)] string PreviousHash,
    [property: Id(9)] string Hash)
{
    /// <summary>The previous-hash of the first entry of a chain.</summary>
    public static readonly string GenesisHash = new('0', 64);

    /// <summary>The action as this build knows it.</summary>
    public AuditAction KnownAction => AuditActionNames.Parse(Action);
}
