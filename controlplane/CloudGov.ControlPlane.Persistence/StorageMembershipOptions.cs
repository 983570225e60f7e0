namespace CloudGov.ControlPlane.Persistence;

/// <summary>
/// Failover tuning of Orleans cluster membership in <see cref="StorageMode.Postgres"/> mode (section
/// <c>Storage:Membership</c>). How fast a crashed host's zones answer again is bounded by how fast the surviving
/// hosts declare it dead: about <see cref="NumMissedProbesLimit"/> × probe period, plus one vote round on PostgreSQL.
/// Orleans' own defaults (probe timeout 5 s, 3 missed probes) give about 12–15 s; these give about 3 s.
/// </summary>
/// <remarks>
/// The cost: every host probes up to three others once per probe period (a small ping message; 1 s instead of
/// 5 s is five times the probe traffic, still a few messages per second per host), and a host that cannot answer
/// for <see cref="NumMissedProbesLimit"/> × <see cref="ProbeTimeout"/> (a long GC pause, CPU starvation, a network
/// hiccup) is declared dead and stops itself — its agents reconnect elsewhere and its grains reactivate, which is
/// safe but disruptive. Orleans extends the probe timeout while the probing host itself is degraded and confirms
/// suspicions through indirect probes, which keeps false positives rare on a loaded machine.
/// </remarks>
public sealed class StorageMembershipOptions
{
    /// <summary>Apply the settings below (default true). False keeps Orleans' defaults (used by the failover benchmark's baseline).</summary>
    public bool Tuned { get; set; } = true;

    /// <summary>Initial liveness-probe timeout (and period). Default 1 s (Orleans: 5 s); 200 ms to 1 min.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of the adaptive probe timeout. Default 2 s (Orleans: 4 × ProbeTimeout); at least ProbeTimeout.</summary>
    public TimeSpan MaxProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Missed probes after which a host suspects another. Default 2 (Orleans: 3); 1 to 10.</summary>
    public int NumMissedProbesLimit { get; set; } = 2;

    /// <summary>Suspicion votes needed to declare a host dead. Default 2 (Orleans: 2); 1 to 10.</summary>
    public int NumVotesForDeathDeclaration { get; set; } = 2;

    /// <summary>How often each host re-reads the membership table (gossip spreads changes sooner). Default 10 s (Orleans: 60 s); 1 s to 10 min.</summary>
    public TimeSpan TableRefreshTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often each host writes its heartbeat row (diagnostics and stale-entry detection). Default 30 s (Orleans: 5 min); 1 s to 1 h.</summary>
    public TimeSpan IAmAliveTablePublishTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
