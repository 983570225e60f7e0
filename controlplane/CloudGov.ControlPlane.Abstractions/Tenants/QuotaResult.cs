namespace CloudGov.ControlPlane.Abstractions.Tenants;

/// <summary>What a quota or tenant command did: the request or tenant as it now stands, or why nothing changed.</summary>
/// <param name="Failure">None when it succeeded.</param>
/// <param name="Message">A readable account (the reason on failure).</param>
/// <param name="Request">The request, for request commands.</param>
/// <param name="Tenant">The tenant, for tenant commands.</param>
/// <param name="ShortLevel">For QuotaExceeded: the tenant id of the level that is short, or <c>one-cloud</c> for capacity.</param>
/// <param name="Field">For Invalid: the request field at fault.</param>
[GenerateSerializer, Immutable, Alias("cloudgov.QuotaResult")]
public sealed record QuotaResult(
    [property: Id(0)] QuotaFailure Failure,
    [property: Id(1)] string Message,
    [property: Id(2)] QuotaRequestRecord? Request = null,
    [property: Id(3)] TenantNode? Tenant = null,
    [property: Id(4)] string ShortLevel = "",
    [property: Id(5)] string Field = "")
{
    /// <summary>True when it succeeded.</summary>
    public bool Succeeded => Failure == QuotaFailure.None;

    /// <summary>A failure.</summary>
    public static QuotaResult Fail(QuotaFailure failure, string message, string shortLevel = "", string field = "") =>
        new(failure, message, ShortLevel: shortLevel, Field: field);
}
