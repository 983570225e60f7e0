using CloudGov.ControlPlane.Abstractions.Ledger;

namespace CloudGov.ControlPlane.Grains.Ledger;

/// <summary>What a ledger shard stores: its records and what it knows of the zones that report them.</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.LedgerShardState")]
public sealed record LedgerShardState
{
    /// <summary>The stored shape's version; raise it when the meaning of a field changes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The version this state was written with.</summary>
    [Id(0)] public int Version { get; init; } = CurrentVersion;

    /// <summary>The records, by workload id.</summary>
    [Id(1)] public ImmutableSortedDictionary<string, WorkloadRecord> Records { get; init; } = ImmutableSortedDictionary.Create<string, WorkloadRecord>(StringComparer.Ordinal);

    /// <summary>The facts of every zone that synced with the shard, by zone id.</summary>
    [Id(2)] public ImmutableDictionary<string, ZoneFacts> Zones { get; init; } = ImmutableDictionary.Create<string, ZoneFacts>(StringComparer.Ordinal);

    /// <summary>The last report sequence applied per zone.</summary>
    [Id(3)] public ImmutableDictionary<string, ulong> ZoneSequences { get; init; } = ImmutableDictionary.Create<string, ulong>(StringComparer.Ordinal);
}
