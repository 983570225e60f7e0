namespace CloudGov.ControlPlane.Security;

/// <summary>
/// The claim names CloudGov reads from a validated token. Tokens the control plane signs carry them directly; tokens
/// from an external OpenID Connect issuer are mapped onto them by the authentication set-up.
/// </summary>
public static class CloudGovClaims
{
    /// <summary>The acting identity (JWT <c>sub</c>).</summary>
    public const string Subject = "sub";

    /// <summary>One of <c>tenant</c>, <c>operator</c>, <c>auditor</c>.</summary>
    public const string Role = "cloudgov_role";

    /// <summary>For the tenant role: the tenant id the caller acts for.</summary>
    public const string Tenant = "cloudgov_tenant";
}
