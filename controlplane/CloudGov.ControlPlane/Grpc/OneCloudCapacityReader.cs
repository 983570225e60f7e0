namespace CloudGov.ControlPlane.Grpc;

/// <summary>
/// The one cloud's capacity and requested totals for quota decisions, read from the index at most once a second per host
/// (capacity changes with zone reports, far slower than quota requests arrive; the index itself lags by
/// <c>Zones:IndexPublishInterval</c>). Concurrent callers share one read.
/// </summary>
internal sealed class OneCloudCapacityReader(IGrainFactory grains, TimeProvider time)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);
    private readonly Lock _lock = new();
    private Task<(ResourceVector Capacity, ResourceVector Requested)>? _read;
    private DateTimeOffset _readAt;

    /// <summary>Capacity and requested, at most a second old.</summary>
    public Task<(ResourceVector Capacity, ResourceVector Requested)> ReadAsync()
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (_read is null || _read.IsFaulted || now - _readAt > MaxAge)
            {
                _read = SumAsync();
                _readAt = now;
            }

            return _read;
        }
    }

    private async Task<(ResourceVector, ResourceVector)> SumAsync()
    {
        var zones = await grains.GetGrain<IOneCloudIndexGrain>(0).ListAsync();
        var capacity = ResourceVector.Zero;
        var requested = ResourceVector.Zero;
        foreach (var z in zones)
        {
            capacity = ResourceSums.Saturating(capacity, z.Capacity);
            requested = ResourceSums.Saturating(requested, z.Requested);
        }

        return (capacity, requested);
    }
}
