using System.Collections.Concurrent;

namespace CloudGov.ControlPlane.Grains.Zones;

/// <summary>
/// Ends the zone sessions of silos the cluster declares dead (push: Orleans' membership updates, not a poll). Runs on every
/// silo from the Active stage; when a snapshot names newly dead silos, each silo asks the zone grains active on itself
/// (<see cref="LocalZoneActivations"/>) to end their session if a dead silo served it
/// (<see cref="IZoneLivenessGrain.EndSessionOnDeadHostAsync"/>), and one live silo (the lowest address) also asks every zone the
/// one-cloud index lists as connected through a dead silo (or through a host it does not know): a zone grain that died
/// with that silo is activated on a survivor by the call and ends its session there. Without that second pass nothing
/// would wake such a grain — the staleness sweep only moves zones that have reported, and a zone killed between its
/// registration and its first report stayed "connected" for good. Both lists check on activation (a grain registers
/// here before its own check), so a grain activating while the news arrives is asked or sees it. A zone whose call
/// failed is asked again after 1, 2, 4 and 8 s; what still fails is logged, and the zone's next activation checks again.
/// </summary>
internal sealed class SessionHostWatcher : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>Zone grains asked at once.</summary>
    private const int Parallelism = 32;

    /// <summary>Attempts after the first, each after twice the delay of the one before.</summary>
    private const int Retries = 4;

    private readonly IClusterMembershipService _membership;
    private readonly LocalZoneActivations _zones;
    private readonly Func<string, ImmutableArray<string>, Task<bool>> _endSession;
    private readonly Func<Task<ImmutableArray<ZoneSummary>>> _listIndexed;
    private readonly SiloAddress _local;
    private readonly TimeSpan _firstRetryDelay;
    private readonly ILogger<SessionHostWatcher> _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task _watching = Task.CompletedTask;

    public SessionHostWatcher(IClusterMembershipService membership, LocalZoneActivations zones, IGrainFactory grains, ILocalSiloDetails silo, ILogger<SessionHostWatcher> logger)
        : this(
            membership,
            zones,
            (zone, dead) => grains.GetGrain<IZoneLivenessGrain>(zone).EndSessionOnDeadHostAsync(dead),
            () => grains.GetGrain<IOneCloudIndexGrain>(0).ListAsync(),
            silo.SiloAddress,
            TimeSpan.FromSeconds(1),
            logger)
    {
    }

    /// <summary>With the calls that end one zone's session and list the index given, and this silo's address (tests).</summary>
    internal SessionHostWatcher(
        IClusterMembershipService membership,
        LocalZoneActivations zones,
        Func<string, ImmutableArray<string>, Task<bool>> endSession,
        Func<Task<ImmutableArray<ZoneSummary>>> listIndexed,
        SiloAddress local,
        TimeSpan firstRetryDelay,
        ILogger<SessionHostWatcher> logger)
    {
        _membership = membership;
        _zones = zones;
        _endSession = endSession;
        _listIndexed = listIndexed;
        _local = local;
        _firstRetryDelay = firstRetryDelay;
        _logger = logger;
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SessionHostWatcher), ServiceLifecycleStage.Active, OnActiveAsync, OnStopAsync);

    /// <summary>Starts watching (the Active stage; tests call it directly).</summary>
    internal Task OnActiveAsync(CancellationToken cancellationToken)
    {
        _watching = Task.Run(() => WatchAsync(_stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Stops watching and waits for the round in progress.</summary>
    internal async Task OnStopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        await _watching.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        // Silos already dead when this one starts count as news too: a zone grain that activated here before the watch
        // began may have checked an older view. The pass over this silo's zones is cheap, and a session it ends was dead.
        var known = new HashSet<SiloAddress>();
        try
        {
            await foreach (var snapshot in _membership.MembershipUpdates.WithCancellation(cancellationToken))
            {
                var dead = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead && known.Add(m.SiloAddress)).Select(m => m.SiloAddress).ToList();
                if (dead.Count > 0)
                {
                    ImmutableArray<string> hosts = [.. dead.Select(d => d.ToParsableString())];
                    var local = _zones.Snapshot();
                    // The two passes run side by side: a slow index read never holds up the zones active here.
                    await Task.WhenAll(
                        EndSessionsAsync(hosts, local, "active here", cancellationToken),
                        ActsForCluster(snapshot) ? IndexPassAsync(hosts, local, cancellationToken) : Task.CompletedTask);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    /// <summary>True when this silo has the lowest address among the live ones: it does the index pass, once for the cluster.</summary>
    private bool ActsForCluster(ClusterMembershipSnapshot snapshot) =>
        snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).Min() is { } first && first.Equals(_local);

    /// <summary>Asks the zones the index lists as connected through a dead silo, other than those the local pass asks.</summary>
    private async Task IndexPassAsync(ImmutableArray<string> deadHosts, ImmutableArray<string> local, CancellationToken cancellationToken)
    {
        var indexed = await IndexedZonesServedByAsync(deadHosts, cancellationToken);
        ImmutableArray<string> others = [.. indexed.Except(local, StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        if (others.Length > 0)
        {
            await EndSessionsAsync(deadHosts, others, "listed in the index as connected through them", cancellationToken);
        }
    }

    /// <summary>
    /// The zones the index lists as connected through one of <paramref name="deadHosts"/>, or through a host it does not
    /// know (a summary stored before it recorded the host); empty when the index cannot be read after the retries (each
    /// zone's next activation still checks).
    /// </summary>
    private async Task<ImmutableArray<string>> IndexedZonesServedByAsync(ImmutableArray<string> deadHosts, CancellationToken cancellationToken)
    {
        var delay = _firstRetryDelay;
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                var zones = await _listIndexed();
                return [.. zones
                    .Where(z => z.AgentConnected && (z.SessionHost is null || deadHosts.Contains(z.SessionHost, StringComparer.Ordinal)))
                    .Select(z => z.ZoneId)];
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The index grain may have died with the silo and still be routed there for a moment.
                if (attempt == Retries)
                {
                    SessionHostWatcherLog.IndexUnread(_logger, string.Join(", ", deadHosts), attempt + 1, ex.GetType().Name, ex.Message);
                    return [];
                }
            }

            await Task.Delay(delay, cancellationToken);
            delay *= 2;
        }
    }

    private async Task EndSessionsAsync(ImmutableArray<string> deadHosts, ImmutableArray<string> zones, string which, CancellationToken cancellationToken)
    {
        string hosts = string.Join(", ", deadHosts);
        var pending = zones;
        int ended = 0;
        var delay = _firstRetryDelay;
        for (int attempt = 0; pending.Length > 0; attempt++)
        {
            var failed = new ConcurrentQueue<(string Zone, Exception Error)>();
            await Parallel.ForEachAsync(
                pending,
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (zone, _) =>
                {
                    try
                    {
                        if (await _endSession(zone, deadHosts))
                        {
                            Interlocked.Increment(ref ended);
                        }
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // One zone's failure (its grain still routed to the dead silo, storage) never stops the others.
                        failed.Enqueue((zone, ex));
                    }
                });
            if (failed.IsEmpty)
            {
                break;
            }

            if (attempt == Retries)
            {
                var (zone, error) = failed.First();
                SessionHostWatcherLog.Failed(_logger, hosts, failed.Count, attempt + 1, zone, error.GetType().Name, error.Message);
                break;
            }

            await Task.Delay(delay, cancellationToken);
            delay *= 2;
            pending = [.. failed.Select(f => f.Zone).Order(StringComparer.Ordinal)];
        }

        SessionHostWatcherLog.Ended(_logger, hosts, ended, zones.Length, which);
    }
}
