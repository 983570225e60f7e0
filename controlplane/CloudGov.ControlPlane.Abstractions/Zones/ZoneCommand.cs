namespace CloudGov.ControlPlane.Abstractions.Zones;

/// <summary>
/// A command for a zone's agent. Stored by the zone grain until the agent reports its outcome, and delivered
/// again on every new stream until then; the agent de-duplicates by <see cref="CommandId"/>.
/// </summary>
/// <remarks>Ids 2-6 held the workload's fields one by one before the spec was shared; they are not reused.</remarks>
[GenerateSerializer, Immutable, Alias("cloudgov.ZoneCommand")]
public sealed record ZoneCommand(
    [property: Id(0)] string CommandId,
    [property: Id(1)] ZoneCommandKind Kind,
    [property: Id(8)] WorkloadSpec Workload,
    [property: Id(7)] DateTimeOffset Deadline)
{
    /// <summary>The workload the command acts on.</summary>
    public string WorkloadId => Workload.WorkloadId;
}
