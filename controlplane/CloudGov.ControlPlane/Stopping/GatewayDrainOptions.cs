namespace CloudGov.ControlPlane.Stopping;

/// <summary>How a stopping host ends its agent streams. Bound from the <c>Shutdown</c> configuration section.</summary>
public sealed class GatewayDrainOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Shutdown";

    /// <summary>
    /// How long a stopping host waits for its agent streams to end (each stops reading, acknowledges what became durable
    /// and records the disconnect) before the silo stops. Default 3 s; 100 ms to 20 s.
    /// </summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long a stopping host keeps its connections open after the last agent stream ended, so that agents read the
    /// host-stopping status before Kestrel closes their connections (a .NET client whose connection closes while its
    /// request side is still open can report "the server closed the connection" instead of the status it received).
    /// Only when streams were ended. Default 200 ms; 0 to 5 s.
    /// </summary>
    public TimeSpan StatusGrace { get; set; } = TimeSpan.FromMilliseconds(200);
}
