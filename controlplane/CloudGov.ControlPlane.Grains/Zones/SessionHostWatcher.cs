using System.Collections.Concurrent;

namespace CloudGov.ControlPlane.Grains.Zones;

/// <summary>
/// Ends the zone sessions of silos the cluster declares dead (push: Orleans' membership updates, not a poll). Runs on every
/// silo from the Active stage; when a snapshot names newly dead silos, each silo asks the zone grains active on itself
/// (<see cref="LocalZoneActivations"/>) to end their session if a dead silo served it
/// (<see cref="IZoneLivenessGrain.EndSessionOnDeadHostAsync"/>). Every zone grain is either active on a live silo (asked
/// by that silo), gone with the dead one, or not active (both check on activation, after registering here, so a grain
/// activating while the news arrives is asked or sees it). A zone whose call failed is asked again after 1, 2, 4 and 8 s;
/// what still fails is logged, and the zone's next activation checks again.
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
    private readonly TimeSpan _firstRetryDelay;
    private readonly ILogger<SessionHostWatcher> _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task _watching = Task.CompletedTask;

    public SessionHostWatcher(IClusterMembershipService membership, LocalZoneActivations zones, IGrainFactory grains, ILogger<SessionHostWatcher> logger)
        : this(membership, zones, (zone, dead) => grains.GetGrain<IZoneLivenessGrain>(zone).EndSessionOnDeadHostAsync(dead), TimeSpan.FromSeconds(1), logger)
    {
    }

    /// <summary>With the call that ends one zone's session given (tests).</summary>
    internal SessionHostWatcher(IClusterMembershipService membership, LocalZoneActivations zones, Func<string, ImmutableArray<string>, Task<bool>> endSession, TimeSpan firstRetryDelay, ILogger<SessionHostWatcher> logger)
    {
        _membership = membership;
        _zones = zones;
        _endSession = endSession;
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
                    await EndSessionsAsync([.. dead.Select(d => d.ToParsableString())], cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    private async Task EndSessionsAsync(ImmutableArray<string> deadHosts, CancellationToken cancellationToken)
    {
        string hosts = string.Join(", ", deadHosts);
        var pending = _zones.Snapshot();
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

        SessionHostWatcherLog.Ended(_logger, hosts, ended);
    }
}
