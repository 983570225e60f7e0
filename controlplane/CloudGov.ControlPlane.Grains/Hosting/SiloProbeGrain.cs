using CloudGov.ControlPlane.Abstractions.Hosting;
using Orleans.Concurrency;

namespace CloudGov.ControlPlane.Grains.Hosting;

/// <summary>Answers pings on the local silo (one activation per silo, as many as the calls need).</summary>
[StatelessWorker]
internal sealed class SiloProbeGrain : Grain, ISiloProbeGrain
{
    /// <inheritdoc />
    public Task PingAsync() => Task.CompletedTask;
}
