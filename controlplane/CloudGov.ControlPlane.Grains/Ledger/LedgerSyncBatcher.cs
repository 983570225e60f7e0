using CloudGov.ControlPlane.Abstractions.Ledger;

namespace CloudGov.ControlPlane.Grains.Ledger;

/// <summary>
/// The silo's transport from zone grains to the ledger shards: per shard, one <see cref="ILedgerShardGrain.SyncZonesAsync"/>
/// call in flight at a time, and the next one carries every zone's sync that queued meanwhile (up to
/// <see cref="MaxZonesPerCall"/> syncs or <see cref="MaxItemsPerCall"/> workload entries). At rest a sync goes out at once,
/// alone; under a burst the calls per shard fall from one per zone to one per batch. A failed call fails every sync
/// of its batch (each zone then retries in full), and only those. Thread-safe; one instance per silo.
/// </summary>
internal sealed class LedgerSyncBatcher(IGrainFactory grains)
{
    /// <summary>The most zone syncs one shard call carries.</summary>
    public const int MaxZonesPerCall = 256;

    /// <summary>The most workload entries (upserts, gone, missing and failed placements) one shard call carries, unless one sync alone has more.</summary>
    public const int MaxItemsPerCall = 16_384;

    private readonly ShardQueue[] _shards = [.. Enumerable.Range(0, LedgerShards.Count).Select(_ => new ShardQueue())];
    private long _calls;

    /// <summary>How many shard calls this batcher has made (for tests and diagnostics).</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>
    /// Hands <paramref name="sync"/> to <paramref name="shard"/>; completes with the shard's answer, or faults when the call
    /// carrying it failed. Never runs the shard call on the caller's scheduler, so a zone grain that deactivates meanwhile
    /// holds nothing up: its answer is set and ignored.
    /// </summary>
    public Task<ZoneSyncResult> SyncAsync(int shard, ZoneSync sync)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shard, LedgerShards.Count);
        ArgumentNullException.ThrowIfNull(sync);
        var pending = new PendingSync(sync, new TaskCompletionSource<ZoneSyncResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        var queue = _shards[shard];
        bool start;
        lock (queue)
        {
            queue.Waiting.Enqueue(pending);
            start = !queue.InFlight;
            queue.InFlight = true;
        }

        if (start)
        {
            // Off the calling grain's scheduler: the shard call and its answer belong to no zone grain.
            _ = Task.Run(() => DrainAsync(shard, queue));
        }

        return pending.Completion.Task;
    }

    /// <summary>The number of entries of <paramref name="sync"/> that count against <see cref="MaxItemsPerCall"/>.</summary>
    internal static int Items(ZoneSync sync) =>
        Length(sync.Upserts) + Length(sync.Gone) + Length(sync.Missing) + Length(sync.FailedPlacements);

    private static int Length<T>(ImmutableArray<T> items) => items.IsDefault ? 0 : items.Length;

    private async Task DrainAsync(int shard, ShardQueue queue)
    {
        while (true)
        {
            var batch = new List<PendingSync>();
            lock (queue)
            {
                int items = 0;
                while (batch.Count < MaxZonesPerCall && queue.Waiting.TryPeek(out var next))
                {
                    int size = Items(next.Sync);
                    if (batch.Count > 0 && items + size > MaxItemsPerCall)
                    {
                        break;
                    }

                    batch.Add(queue.Waiting.Dequeue());
                    items += size;
                }

                if (batch.Count == 0)
                {
                    queue.InFlight = false;
                    return;
                }
            }

            Interlocked.Increment(ref _calls);
            try
            {
                // Whatever goes wrong fails this batch's zones and only them; the loop goes on with the next batch.
                var results = await grains.GetGrain<ILedgerShardGrain>(shard).SyncZonesAsync([.. batch.Select(p => p.Sync)]);
                if (results.IsDefault || results.Length != batch.Count)
                {
                    throw new InvalidOperationException($"Ledger shard {shard} answered {(results.IsDefault ? 0 : results.Length)} result(s) for {batch.Count} zone sync(s).");
                }

                for (int i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(results[i]);
                }
            }
            catch (Exception ex)
            {
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(ex);
                }
            }
        }
    }

    private sealed record PendingSync(ZoneSync Sync, TaskCompletionSource<ZoneSyncResult> Completion);

    private sealed class ShardQueue
    {
        public Queue<PendingSync> Waiting { get; } = new();

        public bool InFlight { get; set; }
    }
}
