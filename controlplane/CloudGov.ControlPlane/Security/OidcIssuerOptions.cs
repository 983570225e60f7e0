namespace CloudGov.ControlPlane.Security;

/// <summary>
/// An external OpenID Connect issuer (<c>Identity:Oidc</c>): its signing keys are found by discovery
/// (<c>{Authority}/.well-known/openid-configuration</c> or <see cref="MetadataAddress"/>) and refreshed by the handler;
/// its claims are mapped onto <see cref="CloudGovClaims"/>.
/// </summary>
public sealed class OidcIssuerOptions
{
    /// <summary>The issuer URL (its <c>iss</c>). Empty: no external issuer. https, or http on loopback with <see cref="AllowHttpOnLoopback"/>.</summary>
    public string? Authority { get; set; }

    /// <summary>The discovery document's URL when it is not under <see cref="Authority"/>; optional.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>The <c>aud</c> its access tokens must carry for this control plane (e.g. the resource indicator); required with an authority.</summary>
    public string? Audience { get; set; }

    /// <summary>Allows http metadata and authority on a loopback address (tests, a local provider); never for another host. Default false.</summary>
    public bool AllowHttpOnLoopback { get; set; }

    /// <summary>The claim holding the acting subject. Default <c>sub</c>.</summary>
    public string SubjectClaim { get; set; } = "sub";

    /// <summary>The claim holding the caller's role. Default <c>cloudgov_role</c>.</summary>
    public string RoleClaim { get; set; } = CloudGovClaims.Role;

    /// <summary>The claim holding a tenant caller's tenant id. Default <c>cloudgov_tenant</c>.</summary>
    public string TenantClaim { get; set; } = CloudGovClaims.Tenant;

    /// <summary>
    /// The issuer's role values mapped to CloudGov roles (e.g. <c>"bigdata-ops": "operator"</c>); values not listed are
    /// taken as they are (so <c>operator</c> stays <c>operator</c>). Targets must be <c>tenant</c>, <c>operator</c> or <c>auditor</c>.
    /// </summary>
    public Dictionary<string, string> RoleMap { get; set; } = new(StringComparer.Ordinal);

    /// <summary>True when an external issuer is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
