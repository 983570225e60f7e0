namespace CloudGov.ControlPlane.Abstractions.Zones;

/// <summary>What became of a command: still pending, or finished with the agent's answer.</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.ZoneCommandOutcome")]
public sealed record ZoneCommandOutcome(
    [property: Id(0)] string CommandId,
    [property: Id(1)] bool Finished,
    [property: Id(2)] bool Succeeded,
    [property: Id(3)] string Message,
    [property: Id(4)] DateTimeOffset? FinishedAt);
