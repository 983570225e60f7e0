namespace CloudGov.ControlPlane.Grains.Zones;

/// <summary>What a zone grain stores. Replaced whole on every change, so a failed write can be undone.</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.ZoneState")]
public sealed record ZoneState
{
    /// <summary>The zone's description from its agent's last Hello; null until the first Hello.</summary>
    [Id(0)] public ZoneDescriptor? Descriptor { get; init; }

    /// <summary>Stored status (staleness is applied on top at read time).</summary>
    [Id(1)] public ZoneStatus Status { get; init; } = ZoneStatus.Unknown;

    /// <summary>The last applied report; null until the first.</summary>
    [Id(2)] public ZoneReportData? LastReport { get; init; }

    /// <summary>When the control plane received the last applied report (its own clock).</summary>
    [Id(3)] public DateTimeOffset? LastReceivedAt { get; init; }

    /// <summary>The current agent stream session; null while no agent is connected.</summary>
    [Id(4)] public Guid? Session { get; init; }

    /// <summary>Commands the agent has not answered yet, oldest first. Command state is durable at once.</summary>
    [Id(5)] public ImmutableList<ZoneCommand> PendingCommands { get; init; } = [];

    /// <summary>Outcomes of recently finished commands (the newest <see cref="ZoneGrain.FinishedCommandsKept"/>).</summary>
    [Id(6)] public ImmutableList<ZoneCommandOutcome> FinishedCommands { get; init; } = [];

    /// <summary>
    /// When a place command last succeeded for a workload in this zone (a move in, or a new placement): the rebalancer's
    /// cooldown keeps it from being moved again soon. The newest <see cref="ZoneGrain.PlacementsKept"/> are kept.
    /// </summary>
    [Id(7)] public ImmutableDictionary<string, DateTimeOffset> PlacedAt { get; init; } = ImmutableDictionary<string, DateTimeOffset>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>
    /// The sequence the zone held when it was last reset because it lay above <see cref="WireLimits.MaxSequence"/> (pushed
    /// there by an agent while an earlier release accepted any sequence); null if never. Kept for the operators' record.
    /// </summary>
    [Id(8)] public ulong? SequenceResetFrom { get; init; }

    /// <summary>When that reset happened (the control plane's clock); null if never.</summary>
    [Id(9)] public DateTimeOffset? SequenceResetAt { get; init; }

    /// <summary>
    /// The silo (<c>SiloAddress.ToParsableString()</c>) whose gateway serves <see cref="Session"/>; null for a session stored by
    /// an earlier release. A session whose host is declared dead is ended (see ZoneGrain.Liveness.cs). Id 20: kept apart from
    /// the ids other work adds next.
    /// </summary>
    [Id(20)] public string? SessionHost { get; init; }

    /// <summary>The zone's last security-baseline verdict (zone rules over its posture); null until first evaluated. Ids 21-23: the baseline.</summary>
    [Id(21)] public Abstractions.Baselines.ZoneBaseline? Baseline { get; init; }

    /// <summary>The approved zone waivers the baseline grain pushed (rule × this zone, with expiry).</summary>
    [Id(22)] public ImmutableArray<Abstractions.Baselines.ZoneWaiver> BaselineWaivers { get; init; } = [];

    /// <summary>The rule whose quarantine action holds the zone Quarantined; null when the baseline does not quarantine it.</summary>
    [Id(23)] public string? QuarantineRuleId { get; init; }

    /// <summary>The highest applied report sequence.</summary>
    public ulong LastSequence => LastReport?.Sequence ?? 0;
}
