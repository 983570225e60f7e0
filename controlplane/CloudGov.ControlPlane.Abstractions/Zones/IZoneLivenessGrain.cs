namespace CloudGov.ControlPlane.Abstractions.Zones;

/// <summary>
/// The zone grain's session tied to the liveness of the host serving it (implemented by the zone grain, same key and
/// activation as <see cref="IZoneGrain"/>): a session records the silo whose gateway holds the agent's stream, and a session
/// whose silo is declared dead is ended, so a killed host's zones do not look connected.
/// </summary>
[Alias("cloudgov.IZoneLivenessGrain")]
public interface IZoneLivenessGrain : IGrainWithStringKey
{
    /// <summary>
    /// <see cref="IZoneGrain.RegisterAsync"/>, recording <paramref name="host"/> (the serving silo's
    /// <c>SiloAddress.ToParsableString()</c>) with the session in the same write.
    /// </summary>
    [Alias("RegisterOnHost")]
    Task<ulong> RegisterOnHostAsync(ZoneDescriptor descriptor, Guid sessionId, string host);

    /// <summary>Ends the zone's session if one of <paramref name="deadHosts"/> serves it; true if it did.</summary>
    [Alias("EndSessionOnDeadHost")]
    Task<bool> EndSessionOnDeadHostAsync(ImmutableArray<string> deadHosts);
}
