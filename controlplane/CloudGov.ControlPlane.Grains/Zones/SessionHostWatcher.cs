namespace CloudGov.ControlPlane.Grains.Zones;

/// <summary>
/// Ends the zone sessions of silos the cluster declares dead (push: Orleans' membership updates, not a poll). Runs on every
/// silo from the Active stage; when a snapshot names newly dead silos, the oldest live silo (lowest address among the Active
/// ones, so one silo acts) asks every zone the one-cloud index lists as connected to end its session if a dead silo served
/// it (<see cref="IZoneLivenessGrain.EndSessionOnDeadHostAsync"/>). Zones whose grains died with the host are reactivated
/// by that call, and their activation checks too. Failures are logged and the next membership change tries again.
/// </summary>
internal sealed class SessionHostWatcher(
    IClusterMembershipService membership,
    ILocalSiloDetails local,
    IGrainFactory grains,
    ILogger<SessionHostWatcher> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>Zone grains asked at once.</summary>
    private const int Parallelism = 32;

    private readonly CancellationTokenSource _stop = new();
    private Task _watching = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SessionHostWatcher), ServiceLifecycleStage.Active, OnActiveAsync, OnStopAsync);

    private Task OnActiveAsync(CancellationToken cancellationToken)
    {
        _watching = Task.Run(() => WatchAsync(_stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task OnStopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        await _watching.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        // Silos dead before this one started were handled by the silos alive then (and by each zone's activation check).
        var known = membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead).Select(m => m.SiloAddress).ToHashSet();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(cancellationToken))
            {
                var dead = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead && known.Add(m.SiloAddress)).Select(m => m.SiloAddress).ToList();
                if (dead.Count == 0 || !ActsFor(snapshot))
                {
                    continue;
                }

                try
                {
                    await EndSessionsAsync([.. dead.Select(d => d.ToParsableString())], cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    SessionHostWatcherLog.Failed(logger, string.Join(", ", dead), ex.GetType().Name, ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    /// <summary>True when this silo is the oldest live one (lowest address among the Active silos).</summary>
    private bool ActsFor(ClusterMembershipSnapshot snapshot)
    {
        var active = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).ToList();
        return active.Count > 0 && active.Min()!.Equals(local.SiloAddress);
    }

    private async Task EndSessionsAsync(ImmutableArray<string> deadHosts, CancellationToken cancellationToken)
    {
        var zones = await grains.GetGrain<IOneCloudIndexGrain>(0).ListAsync();
        int ended = 0;
        await Parallel.ForEachAsync(
            zones.Where(z => z.AgentConnected),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (zone, _) =>
            {
                if (await grains.GetGrain<IZoneLivenessGrain>(zone.ZoneId).EndSessionOnDeadHostAsync(deadHosts))
                {
                    Interlocked.Increment(ref ended);
                }
            });
        SessionHostWatcherLog.Ended(logger, string.Join(", ", deadHosts), ended);
    }
}
