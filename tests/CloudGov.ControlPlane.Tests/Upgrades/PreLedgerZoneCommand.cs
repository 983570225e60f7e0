namespace CloudGov.ControlPlane.Tests.Upgrades;

/// <summary>A zone command exactly as the release before the ledger stored it (ids 0-7), to write that release's bytes.</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.test.PreLedgerZoneCommand")]
public sealed record PreLedgerZoneCommand(
    [property: Id(0)] string CommandId,
    [property: Id(1)] ZoneCommandKind Kind,
    [property: Id(2)] string WorkloadId,
    [property: Id(3)] string TenantId,
    [property: Id(4)] string System,
    [property: Id(5)] ResourceVector Requests,
    [property: Id(6)] MlpsLevel MlpsLevel,
    [property: Id(7)] DateTimeOffset Deadline);
