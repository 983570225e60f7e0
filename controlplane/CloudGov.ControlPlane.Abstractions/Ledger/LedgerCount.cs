namespace CloudGov.ControlPlane.Abstractions.Ledger;

/// <summary>How many records of one zone are in one reconciliation state (zone empty for records without a zone).</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.LedgerCount")]
public sealed record LedgerCount(
    [property: Id(0)] string ZoneId,
    [property: Id(1)] ReconciliationState State,
    [property: Id(2)] int Count);
