namespace CloudGov.ControlPlane.Grains.Zones;

/// <summary>
/// A zone grain's one subscription (<see cref="IZoneSessionObserver"/>, keyed by the stream session) and its pushes:
/// durable sequences (acks) and "a command was stored" (<see cref="CommandStored"/>). At most one push is in flight: while
/// it is, newer durable sequences and stored commands are folded into the next push, so a slow or dead host never makes
/// calls pile up. A push that fails drops the subscription (logged once): the host was killed or the
/// stream ended unseen, and acknowledgements travel with the answers to reports until the next session subscribes.
/// Lives in the grain's memory only: a reactivated zone has no subscription, and acks ride on report answers until the
/// agent's next stream subscribes. Runs on the grain's scheduler (its continuations are grain turns).
/// </summary>
internal sealed class ZoneSessionPush(string zoneId, ILogger logger)
{
    private IZoneSessionObserver? _observer;
    private Guid _session;
    private ulong _told;
    private ulong _latest;
    private bool _commandNews;
    private bool _pushing;
    private Task _inFlight = Task.CompletedTask;

    /// <summary>A new session registered: a subscription of an older session no longer reaches the agent.</summary>
    public void SessionStarted(Guid session)
    {
        if (_observer is not null && _session != session)
        {
            _observer = null;
        }
    }

    /// <summary>Subscribes the host of <paramref name="session"/>, which already knows <paramref name="durable"/>.</summary>
    public void Subscribe(Guid session, IZoneSessionObserver observer, ulong durable)
    {
        _observer = observer;
        _session = session;
        _told = durable;
        _commandNews = false; // the session reads the pending commands once it has subscribed
    }

    /// <summary>
    /// The stream of <paramref name="session"/> ended: stop pushing to it. Returns the push still on its way, so the caller can
    /// let it land before the stream's host deletes the observer (a call to a deleted observer is an error in Orleans' log).
    /// </summary>
    public Task SessionEndedAsync(Guid session)
    {
        if (_session == session)
        {
            _observer = null;
        }

        return _inFlight;
    }

    /// <summary>Reports up to <paramref name="durable"/> are in storage: tell the subscribed host (it acknowledges them).</summary>
    public void Durable(ulong durable)
    {
        _latest = Math.Max(_latest, durable);
        Kick();
    }

    /// <summary>
    /// A command was stored (it is durable): tell the subscribed host, which reads the pending commands and delivers the new
    /// ones at once. Without a subscription nothing is sent: the session's first read after it subscribes finds the command.
    /// </summary>
    public void CommandStored()
    {
        _commandNews = true;
        Kick();
    }

    private void Kick()
    {
        if (_observer is null || (_latest <= _told && !_commandNews) || _pushing)
        {
            return; // a running push sends the latest news before it finishes
        }

        _pushing = true;
        _inFlight = PushAsync();
    }

    private async Task PushAsync()
    {
        try
        {
            while (_observer is { } observer && (_latest > _told || _commandNews))
            {
                try
                {
                    if (_commandNews)
                    {
                        _commandNews = false;
                        await observer.OnCommandAvailableAsync();
                    }
                    else
                    {
                        ulong latest = _latest;
                        _told = latest;
                        await observer.OnDurableAsync(latest);
                    }
                }
                catch (Exception ex)
                {
                    if (ReferenceEquals(_observer, observer))
                    {
                        _observer = null;
                        ZoneGrainLog.SessionObserverLost(logger, zoneId, ex.GetType().Name);
                    }
                }
            }
        }
        finally
        {
            _pushing = false;
        }
    }
}
