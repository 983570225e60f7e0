using CloudGov.ControlPlane.Hosting;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>
/// Bounds how many agent calls (registrations and reports) this host has with the zone grains at once, across all
/// streams. A burst of agents reconnecting after a restart then waits in this queue (first come, first served) instead of
/// flooding the silo's scheduler, so an operator's call or a health probe is not served after thousands of queued zone
/// activations. Zero means unbounded.
/// </summary>
internal sealed class AgentAdmission
{
    private readonly SemaphoreSlim? _slots;

    public AgentAdmission(IOptions<ControlPlaneOptions> options)
    {
        int limit = options.Value.MaxAgentCallsInFlight;
        _slots = limit > 0 ? new SemaphoreSlim(limit, limit) : null;
    }

    /// <summary>Runs <paramref name="call"/> once a slot is free; the slot is held until the call completes.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        if (_slots is null)
        {
            return await call();
        }

        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await call();
        }
        finally
        {
            _slots.Release();
        }
    }
}
