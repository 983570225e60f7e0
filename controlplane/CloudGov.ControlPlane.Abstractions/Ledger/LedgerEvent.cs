namespace CloudGov.ControlPlane.Abstractions.Ledger;

/// <summary>One entry of a workload's history.</summary>
/// <param name="At">When it happened (the control plane's clock).</param>
/// <param name="Kind">What happened.</param>
/// <param name="By">Who or what did it: an operator, <c>placement</c>, <c>plan:&lt;id&gt;</c>, <c>zone:&lt;id&gt;</c>, <c>ledger</c>.</param>
/// <param name="FromZoneId">The zone it left, for a move; empty otherwise.</param>
/// <param name="ToZoneId">The zone it went to, for a placement or move; empty otherwise.</param>
/// <param name="PlanId">The plan, for a move; empty otherwise.</param>
/// <param name="Detail">Details in words.</param>
[GenerateSerializer, Immutable, Alias("cloudgov.LedgerEvent")]
public sealed record LedgerEvent(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] LedgerEventKind Kind,
    [property: Id(2)] string By,
    [property: Id(3)] string FromZoneId,
    [property: Id(4)] string ToZoneId,
    [property: Id(5)] string PlanId,
    [property: Id(6)] string Detail);
