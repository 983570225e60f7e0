namespace CloudGov.ControlPlane.Abstractions.Zones;

/// <summary>
/// The host serving a zone's agent stream, as the zone grain sees it: a grain observer the stream's session subscribes
/// (<see cref="IZoneGrain.SubscribeAsync"/>) once the agent registered, and that the zone grain pushes to, so what
/// must travel to the agent does so at once instead of waiting for the agent's next report or a poll. A zone holds one
/// subscription, keyed by the session: a newer session replaces it, the session's end or a failed push drops it.
/// Pushes are hints: a lost one is made good by the slower path (the ack carried by the next report's answer, the
/// gateway's <c>Zones:CommandPollInterval</c> poll for commands). New methods get new aliases; existing ones never change
/// their parameters.
/// </summary>
[Alias("cloudgov.IZoneSessionObserver")]
public interface IZoneSessionObserver : IGrainObserver
{
    /// <summary>Reports up to <paramref name="durableSequence"/> are in storage: acknowledge them to the agent.</summary>
    [Alias("OnDurable")]
    Task OnDurableAsync(ulong durableSequence);

    /// <summary>
    /// A command for the zone's agent was stored (it is durable before this is sent): read the pending commands now and
    /// deliver the new ones, instead of waiting for the next command poll.
    /// </summary>
    [Alias("OnCommandAvailable")]
    Task OnCommandAvailableAsync();
}
