using CloudGov.ControlPlane.Abstractions.Ledger;

namespace CloudGov.ControlPlane.Grains.Ledger;

/// <summary>
/// How workload ids map to ledger shards: a stable FNV-1a hash of the id's UTF-16 code units modulo <see cref="Count"/>.
/// The count is part of the stored layout: changing it would re-home records, so it is fixed.
/// </summary>
public static class LedgerShards
{
    /// <summary>The number of shards (about 1,600 records each at 100,000 workloads).</summary>
    public const int Count = 64;

    /// <summary>The shard holding <paramref name="workloadId"/>'s record.</summary>
    public static int Of(string workloadId)
    {
        ArgumentNullException.ThrowIfNull(workloadId);
        uint hash = 2166136261;
        foreach (char c in workloadId)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (int)(hash % Count);
    }

    /// <summary>The shard grain holding <paramref name="workloadId"/>'s record.</summary>
    public static ILedgerShardGrain For(IGrainFactory grains, string workloadId) => grains.GetGrain<ILedgerShardGrain>(Of(workloadId));

    /// <summary>Every shard grain, in shard order.</summary>
    public static IEnumerable<ILedgerShardGrain> All(IGrainFactory grains) => Enumerable.Range(0, Count).Select(i => grains.GetGrain<ILedgerShardGrain>(i));
}
