using CloudGov.ControlPlane.Abstractions.Ledger;
using CloudGov.ControlPlane.Grains.Ledger;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>
/// The ledger's records per zone and reconciliation state, read from every shard and kept for <see cref="MaxAge"/>, so
/// that listing zones or a Prometheus scrape costs at most one round of shard calls per interval. Once a reading exists,
/// an older one is served at once while a single refresh runs behind it: the shards may be busy (a burst of zones
/// syncing after a restart) and <c>ListZones</c> must not wait for them. Only the very first reading is waited for.
/// </summary>
internal sealed class LedgerCounts(IGrainFactory grains, TimeProvider time, ILogger<LedgerCounts> logger)
{
    /// <summary>How long one reading is served before a refresh is started.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly object _refreshGate = new();
    private Reading? _last;
    private Task? _refresh;

    /// <summary>Counts by zone id (empty key: records without a zone), then by state.</summary>
    public async Task<IReadOnlyDictionary<string, ImmutableSortedDictionary<ReconciliationState, int>>> GetAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _last) is { } last)
        {
            if (time.GetUtcNow() - last.At >= MaxAge)
            {
                RefreshBehind();
            }

            return last.ByZone;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return (Volatile.Read(ref _last) ?? await ReadAsync()).ByZone;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void RefreshBehind()
    {
        lock (_refreshGate)
        {
            if (_refresh is { IsCompleted: false })
            {
                return;
            }

            _refresh = Task.Run(async () =>
            {
                try
                {
                    await ReadAsync();
                }
                catch (Exception ex)
                {
                    // The last reading stays served; the next call past MaxAge tries again.
                    AgentGatewayLog.LedgerCountsRefreshFailed(logger, ex);
                }
            });
        }
    }

    private async Task<Reading> ReadAsync()
    {
        var counts = await LedgerQueries.CountsAsync(grains);
        var byZone = counts.GroupBy(c => c.ZoneId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToImmutableSortedDictionary(c => c.State, c => c.Count), StringComparer.Ordinal);
        var reading = new Reading(time.GetUtcNow(), byZone);
        Volatile.Write(ref _last, reading);
        return reading;
    }

    private sealed record Reading(DateTimeOffset At, IReadOnlyDictionary<string, ImmutableSortedDictionary<ReconciliationState, int>> ByZone);
}
