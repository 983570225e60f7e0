namespace CloudGov.ControlPlane.Abstractions.Zones;

/// <summary>
/// A command for a zone's agent. Stored by the zone grain until the agent reports its outcome, and delivered
/// again on every new stream until then; the agent de-duplicates by <see cref="CommandId"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("cloudgov.ZoneCommand")]
public sealed record ZoneCommand(
    [property: Id(0)] string CommandId,
    [property: Id(1)] ZoneCommandKind Kind,
    [property: Id(2)] string WorkloadId,
    [property: Id(3)] string TenantId,
    [property: Id(4)] string System,
    [property: Id(5)] ResourceVector Requests,
    [property: Id(6)] MlpsLevel MlpsLevel,
    [property: Id(7)] DateTimeOffset Deadline);
