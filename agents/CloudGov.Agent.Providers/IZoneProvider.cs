namespace CloudGov.Agent.Providers;

/// <summary>Talks to one zone's cloud API: observes it and carries out commands in it.</summary>
public interface IZoneProvider
{
    /// <summary>The provider kind reported in Hello.</summary>
    ProviderKind Kind { get; }

    /// <summary>Observes the zone now: capacity, usage, workloads, posture.</summary>
    ValueTask<ZoneObservation> ObserveAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Carries out a command in the zone; idempotent for the same workload.</summary>
    ValueTask<CommandResult> ExecuteAsync(Command command, CancellationToken cancellationToken);
}
