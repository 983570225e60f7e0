namespace CloudGov.ControlPlane.Abstractions.Zones;

/// <summary>
/// The host serving a zone's agent stream, as the zone grain sees it: a grain observer the stream's session subscribes
/// (<see cref="IZoneGrain.SubscribeAsync"/>) once the agent registered, and that the zone grain pushes to, so what
/// must travel to the agent does so at once instead of waiting for the agent's next report or a poll. A zone holds one
/// subscription, keyed by the session: a newer session replaces it, the session's end or a failed push drops it.
/// Pushes are hints: a lost one is made good by the slower path (the ack carried by the next report's answer).
/// <para>Intended extension (issue 12): <c>OnCommandAvailableAsync()</c> — "a command was stored for you", after which
/// the session reads the pending commands at once; the gateway's command poll stays as the safety net. New methods get
/// new aliases; existing ones never change their parameters.</para>
/// </summary>
[Alias("cloudgov.IZoneSessionObserver")]
public interface IZoneSessionObserver : IGrainObserver
{
    /// <summary>Reports up to <paramref name="durableSequence"/> are in storage: acknowledge them to the agent.</summary>
    [Alias("OnDurable")]
    Task OnDurableAsync(ulong durableSequence);
}
