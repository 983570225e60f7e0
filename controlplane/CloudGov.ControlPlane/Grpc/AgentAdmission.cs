using CloudGov.ControlPlane.Hosting;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>
/// Bounds how many agent calls (registrations and reports) this host has with the zone grains at once, across all
/// streams. A burst of agents reconnecting after a restart then waits in this queue (first come, first served) instead of
/// flooding the silo's scheduler, so an operator's call or a health probe is not served after thousands of queued zone
/// activations. Zero means unbounded. One stream holds at most <see cref="SlotsPerStream"/> slots at a time, so a zone whose
/// grain is slow (e.g. its storage stalls) holds up only its own reports, never the other agents'.
/// </summary>
internal sealed class AgentAdmission
{
    /// <summary>The most slots one agent stream holds at once.</summary>
    internal const int SlotsPerStream = 4;

    private readonly SemaphoreSlim? _slots;
    private readonly OperatorPriority _operators;

    /// <param name="options">The host-wide bound (<see cref="ControlPlaneOptions.MaxAgentCallsInFlight"/>).</param>
    /// <param name="operators">Operators' requests a call holding its slot lets go first (<see cref="ControlPlaneOptions.OperatorPriorityPause"/>); none when null.</param>
    public AgentAdmission(IOptions<ControlPlaneOptions> options, OperatorPriority? operators = null)
    {
        int limit = options.Value.MaxAgentCallsInFlight;
        _slots = limit > 0 ? new SemaphoreSlim(limit, limit) : null;
        _operators = operators ?? OperatorPriority.Off;
    }

    /// <summary>Runs <paramref name="call"/> once a slot is free; the slot is held until the call completes.</summary>
    public Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken) => RunAsync(null, call, cancellationToken);

    /// <summary>A stream's own share: its calls take one of its <see cref="SlotsPerStream"/> slots, then one of the host's.</summary>
    public Func<Func<Task<T>>, CancellationToken, Task<T>> ForStream<T>()
    {
        var own = _slots is null ? null : new SemaphoreSlim(SlotsPerStream, SlotsPerStream);
        return (call, cancellationToken) => RunAsync(own, call, cancellationToken);
    }

    private async Task<T> RunAsync<T>(SemaphoreSlim? own, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        if (_slots is null)
        {
            return await call();
        }

        if (own is not null)
        {
            await own.WaitAsync(cancellationToken);
        }

        try
        {
            await _slots.WaitAsync(cancellationToken);
            try
            {
                await _operators.YieldAsync(cancellationToken);
                return await call();
            }
            finally
            {
                _slots.Release();
            }
        }
        finally
        {
            own?.Release();
        }
    }
}
