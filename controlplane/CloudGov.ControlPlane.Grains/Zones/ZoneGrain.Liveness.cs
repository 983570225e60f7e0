using Microsoft.Extensions.DependencyInjection;

namespace CloudGov.ControlPlane.Grains.Zones;

/// <summary>
/// The zone's session tied to its host's liveness. The session record names the silo whose gateway serves the stream
/// (<see cref="ZoneState.SessionHost"/>, written with the registration). It is ended — the zone stops looking connected —
/// when that silo is declared dead: pushed by the <see cref="SessionHostWatcher"/> of the oldest live silo as soon as the
/// membership says so, and checked again whenever the grain activates (a grain that died with the host comes back on a
/// survivor, or after a single-node restart, with its session ended). A session stored by an earlier release names no host
/// and is left to the agent's next registration.
/// </summary>
internal sealed partial class ZoneGrain : IZoneLivenessGrain
{
    /// <inheritdoc />
    public async Task<ulong> RegisterOnHostAsync(ZoneDescriptor descriptor, Guid sessionId, string host)
    {
        // RegisterAsync writes `_current with { Descriptor, Session }`: the host goes into that same write.
        var before = _current;
        var withHost = before with { SessionHost = host };
        _current = withHost;
        try
        {
            return await RegisterAsync(descriptor, sessionId);
        }
        finally
        {
            if (ReferenceEquals(_current, withHost))
            {
                _current = before; // the registration's write failed: nothing changed
            }
        }
    }

    /// <inheritdoc />
    public async Task<bool> EndSessionOnDeadHostAsync(ImmutableArray<string> deadHosts)
    {
        if (_endedOnActivation is { } ended && deadHosts.Contains(ended, StringComparer.Ordinal))
        {
            // This call activated the grain (it had died with the host), and the activation's own check ended the session.
            _endedOnActivation = null;
            return true;
        }

        if (_current.Session is null || _current.SessionHost is not { } host || !deadHosts.Contains(host, StringComparer.Ordinal))
        {
            return false;
        }

        await EndSessionAsync(host);
        return true;
    }

    /// <summary>On activation: ends a stored session whose host this silo's membership knows to be gone.</summary>
    private async Task EndSessionOfGoneHostAsync()
    {
        if (_current.Session is null || _current.SessionHost is not { } host)
        {
            return;
        }

        var membership = ServiceProvider.GetRequiredService<IClusterMembershipService>();
        var local = ServiceProvider.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var snapshot = membership.CurrentSnapshot;
        if (!SessionHostLiveness.IsGone(host, snapshot.GetSiloStatus, local))
        {
            return;
        }

        try
        {
            await EndSessionAsync(host);
            _endedOnActivation = host;
        }
        catch (Exception ex)
        {
            // Storage failed: the next activation or the watcher tries again.
            ZoneGrainLog.FlushFailed(Logger, ZoneId, ex);
        }
    }

    private async Task EndSessionAsync(string host)
    {
        var session = _current.Session!.Value;
        await CommitAsync(_current with { Session = null });
        _ = _push.SessionEndedAsync(session); // its observer lived on the dead host
        ZoneGrainLog.SessionHostGone(Logger, ZoneId, host);
        Publish();
    }

    /// <summary>The dead host whose session this activation's check ended, until a watcher's call for it counts it.</summary>
    private string? _endedOnActivation;

    private ILogger Logger => ServiceProvider.GetRequiredService<ILogger<ZoneGrain>>();
}
