namespace CloudGov.ControlPlane.Grains.Zones;

/// <summary>How zones report and when they go stale. Bound from the <c>Zones</c> configuration section.</summary>
public sealed class ZoneOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Zones";

    /// <summary>How often agents report (sent to them in Welcome). Default 5 s; 100 ms to 10 min.</summary>
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A zone not heard from for this long is Unreachable. Default 30 s; at least twice the report interval.</summary>
    public TimeSpan StalenessWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often a zone writes its latest utilization to storage when only utilization changed (write-behind).
    /// Inventory changes (registration, workloads appearing or leaving, status) are written at once. Default 5 s; 100 ms to 5 min.
    /// </summary>
    public TimeSpan StateFlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a zone pushes its changed summary to the one-cloud index. Default 1 s; 50 ms to 1 min.</summary>
    public TimeSpan IndexPublishInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How soon the one-cloud index writes an inventory change (a new zone, a status, connection or workload-count
    /// change) to storage: "promptly" means within this interval, one write for every change that arrived meanwhile.
    /// Utilization-only changes follow <see cref="StateFlushInterval"/>. Default 1 s; 50 ms to 1 min.
    /// </summary>
    public TimeSpan IndexFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The safety net behind the index's pushes to each host's copy of the zone list: a host re-reads the whole list (and
    /// renews its subscription) this often, and at once when it sees a push missing or hears nothing from the index for
    /// five <see cref="IndexFlushInterval"/>s. Default 30 s; 1 s to 10 min.
    /// </summary>
    public TimeSpan ListResyncInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long <c>ListZones</c> on a host that has not yet received its first copy of the zone list waits for it before
    /// answering UNAVAILABLE. Default 10 s; 100 ms to 5 min.
    /// </summary>
    public TimeSpan ListFirstSnapshotTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// True: <c>ListZones</c> and <c>GetOneCloudSummary</c> answer from this host's copy of the zone list, pushed by the
    /// index once per tick — they stay fast under a connection burst but lag a change by up to a tick. False (default):
    /// every call asks the index grain, so a zone that registered is listed as soon as its agent hears Welcome.
    /// </summary>
    public bool ListFromHostCopy { get; set; }

    /// <summary>
    /// How often a host checks a connected zone for commands to deliver to its agent: the safety net behind the push
    /// (<see cref="CommandPush"/>), which delivers a stored command at once. Default 5 s (500 ms before pushes); 20 ms to 1 h.
    /// </summary>
    public TimeSpan CommandPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// True (default): a stored command is pushed to the host serving the zone's stream, and a command's answer or a placed
    /// workload's new state to the plan waiting on it, so a move does not wait for polls. False: both travel by the polls
    /// only (<see cref="CommandPollInterval"/>, <c>Plans:Execution:PollInterval</c>) — for measurements against the
    /// polling-only path and for tests of the fallback; never needed in operation.
    /// </summary>
    public bool CommandPush { get; set; } = true;
}
