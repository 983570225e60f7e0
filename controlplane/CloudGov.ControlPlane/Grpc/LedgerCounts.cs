using CloudGov.ControlPlane.Abstractions.Ledger;
using CloudGov.ControlPlane.Grains.Ledger;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>
/// The ledger's records per zone and reconciliation state, read from every shard and kept for <see cref="MaxAge"/>, so
/// that listing zones or a Prometheus scrape costs at most one round of shard calls per interval.
/// </summary>
internal sealed class LedgerCounts(IGrainFactory grains, TimeProvider time)
{
    /// <summary>How long one reading is served.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (DateTimeOffset At, IReadOnlyDictionary<string, ImmutableSortedDictionary<ReconciliationState, int>> ByZone)? _last;

    /// <summary>Counts by zone id (empty key: records without a zone), then by state.</summary>
    public async Task<IReadOnlyDictionary<string, ImmutableSortedDictionary<ReconciliationState, int>>> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_last is { } fresh && time.GetUtcNow() - fresh.At < MaxAge)
        {
            return fresh.ByZone;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_last is { } again && time.GetUtcNow() - again.At < MaxAge)
            {
                return again.ByZone;
            }

            var counts = await LedgerQueries.CountsAsync(grains);
            var byZone = counts.GroupBy(c => c.ZoneId, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.ToImmutableSortedDictionary(c => c.State, c => c.Count), StringComparer.Ordinal);
            _last = (time.GetUtcNow(), byZone);
            return byZone;
        }
        finally
        {
            _gate.Release();
        }
    }
}
