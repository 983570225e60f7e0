namespace CloudGov.ControlPlane.Abstractions.Ledger;

/// <summary>One group of the ledger's view; groups from several shards merge with <see cref="Merge"/>.</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.LedgerGroup")]
public sealed record LedgerGroup(
    [property: Id(0)] string Key,
    [property: Id(1)] int WorkloadCount,
    [property: Id(2)] ResourceVector Requested,
    [property: Id(3)] ImmutableSortedSet<string> ZoneIds,
    [property: Id(4)] ImmutableSortedSet<MlpsLevel> MlpsLevels,
    [property: Id(5)] int UnmanagedCount,
    [property: Id(6)] int ViolatingCount,
    [property: Id(7)] ImmutableSortedSet<string> TenantIds,
    [property: Id(8)] ImmutableSortedDictionary<ReconciliationState, int> ByState)
{
    /// <summary>The group with <paramref name="other"/>'s records added (same key).</summary>
    public LedgerGroup Merge(LedgerGroup other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var byState = ByState;
        foreach (var (state, n) in other.ByState)
        {
            byState = byState.SetItem(state, byState.GetValueOrDefault(state) + n);
        }

        return new LedgerGroup(
            Key,
            WorkloadCount + other.WorkloadCount,
            Requested + other.Requested,
            ZoneIds.Union(other.ZoneIds),
            MlpsLevels.Union(other.MlpsLevels),
            UnmanagedCount + other.UnmanagedCount,
            ViolatingCount + other.ViolatingCount,
            TenantIds.Union(other.TenantIds),
            byState);
    }
}
