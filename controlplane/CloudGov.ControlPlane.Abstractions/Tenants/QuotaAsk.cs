namespace CloudGov.ControlPlane.Abstractions.Tenants;

/// <summary>A tenant's request for more or less quota, validated at the wire.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="Direction">More or less.</param>
/// <param name="Amount">How much.</param>
/// <param name="Justification">Why.</param>
/// <param name="IdempotencyKey">The caller's idempotency key.</param>
/// <param name="By">Who asks (the token's subject).</param>
[GenerateSerializer, Immutable, Alias("cloudgov.QuotaAsk")]
public sealed record QuotaAsk(
    [property: Id(0)] string TenantId,
    [property: Id(1)] QuotaDirection Direction,
    [property: Id(2)] ResourceVector Amount,
    [property: Id(3)] string Justification,
    [property: Id(4)] string IdempotencyKey,
    [property: Id(5)] string By);
