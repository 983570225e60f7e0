namespace CloudGov.ControlPlane.Abstractions.Zones;

/// <summary>
/// A zone as the one-cloud index holds it: everything the one-cloud view needs, no workloads. <see cref="DegradedReason"/>:
/// why the zone's last report said it was impaired; null when it did not.
/// </summary>
[GenerateSerializer, Immutable, Alias("cloudgov.ZoneSummary")]
public sealed record ZoneSummary(
    [property: Id(0)] string ZoneId,
    [property: Id(1)] ZoneDescriptor Descriptor,
    [property: Id(2)] ZoneStatus Status,
    [property: Id(3)] ResourceVector Capacity,
    [property: Id(4)] ResourceVector Usage,
    [property: Id(5)] ResourceVector Requested,
    [property: Id(6)] int WorkloadCount,
    [property: Id(7)] bool AgentConnected,
    [property: Id(8)] DateTimeOffset? LastReportAt,
    [property: Id(9)] ulong LastSequence,
    [property: Id(10)] DateTimeOffset? LastReceivedAt,
    // Id 40: the provider-health field (kept apart from the ids other work adds next); null in summaries stored before it.
    [property: Id(40)] string? DegradedReason = null)
{
    /// <summary>
    /// The enforced zone rules the zone violates, with the waiver in force for each (see <see cref="Baselines.BaselineBlock"/>);
    /// empty when it violates none. Id 11: added with the security baseline.
    /// </summary>
    [Id(11)] public ImmutableArray<Baselines.BaselineBlock> BaselineBlocks { get; init; } = [];

    /// <summary>The rule that quarantined the zone (status Quarantined), or null.</summary>
    [Id(12)] public string? QuarantineRuleId { get; init; }

    /// <summary>
    /// The silo whose gateway serves the zone's agent session (its parsable address), or null when no session is open or
    /// the session was stored by a release that did not record it. When that silo is declared dead, one live silo (the
    /// lowest address) asks these zones to end their session, also those whose grain died with it (see <c>SessionHostWatcher</c>).
    /// </summary>
    [Id(13)] public string? SessionHost { get; init; }

    /// <summary>
    /// The status as of <paramref name="now"/>: a zone whose last report was received longer ago than
    /// <paramref name="stalenessWindow"/> is Unreachable, whatever was stored.
    /// </summary>
    public ZoneStatus EffectiveStatus(DateTimeOffset now, TimeSpan stalenessWindow) =>
        ZoneStatusRules.Effective(Status, LastReceivedAt, now, stalenessWindow);
}
