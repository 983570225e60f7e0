using System.Collections.Concurrent;

namespace CloudGov.ControlPlane.Tests.Zones;

/// <summary>
/// What the ledger shards see of a batcher's calls: each call's shard and size. A chosen shard's next call can be held
/// (until released) or made to fail, so a test decides exactly what is in flight while other syncs queue.
/// </summary>
internal sealed class GatedShards
{
    private readonly ConcurrentDictionary<int, ShardHold> _holds = new();
    private readonly ConcurrentDictionary<int, bool> _failNext = new();

    /// <summary>Every SyncZonesAsync call in the order it was made: its shard and how many zone syncs it carried.</summary>
    public ConcurrentQueue<(int Shard, int Syncs)> Calls { get; } = new();

    /// <summary>The sizes of the calls to <paramref name="shard"/>, in order.</summary>
    public int[] SizesFor(int shard) => [.. Calls.Where(c => c.Shard == shard).Select(c => c.Syncs)];

    /// <summary>Holds the next call to <paramref name="shard"/> once it has started, until the hold is released.</summary>
    public ShardHold HoldNext(int shard)
    {
        var hold = new ShardHold();
        _holds[shard] = hold;
        return hold;
    }

    /// <summary>Makes the next call to <paramref name="shard"/> fail as a lost message would.</summary>
    public void FailNext(int shard) => _failNext[shard] = true;

    /// <summary>Runs one SyncZonesAsync call through the gate.</summary>
    public async Task<ImmutableArray<ZoneSyncResult>> CallAsync(int shard, ImmutableArray<ZoneSync> syncs, Func<Task<ImmutableArray<ZoneSyncResult>>> call)
    {
        Calls.Enqueue((shard, syncs.Length));
        bool fail = _failNext.TryRemove(shard, out _);
        if (_holds.TryRemove(shard, out var hold))
        {
            hold.Started.TrySetResult();
            await hold.Released.Task;
        }

        if (fail)
        {
            throw new TimeoutException($"injected: the call to ledger shard {shard} timed out");
        }

        return await call();
    }
}
