namespace CloudGov.ControlPlane.Abstractions.Hosting;

/// <summary>
/// A stateless worker that answers on the calling silo: a call to it exercises that silo's messaging and scheduler and
/// nothing else (no storage, no single grain that a burst of work could keep busy). The health check's probe.
/// </summary>
[Alias("cloudgov.ISiloProbeGrain")]
public interface ISiloProbeGrain : IGrainWithIntegerKey
{
    /// <summary>Answers at once.</summary>
    [Alias("Ping")]
    Task PingAsync();
}
