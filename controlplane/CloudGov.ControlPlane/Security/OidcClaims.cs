using System.Security.Claims;

namespace CloudGov.ControlPlane.Security;

/// <summary>Maps an external issuer's validated claims onto <see cref="CloudGovClaims"/> as <see cref="OidcIssuerOptions"/> says.</summary>
internal static class OidcClaims
{
    private static readonly HashSet<string> Roles = new(StringComparer.Ordinal) { "tenant", "operator", "auditor" };

    /// <summary>Adds <c>sub</c>, <c>cloudgov_role</c> and <c>cloudgov_tenant</c> from the configured claims; a problem in words, or null.</summary>
    public static string? Map(ClaimsPrincipal principal, OidcIssuerOptions oidc)
    {
        if (principal.Identity is not ClaimsIdentity identity)
        {
            return "the bearer token carries no identity";
        }

        var subject = principal.FindFirst(oidc.SubjectClaim)?.Value;
        if (string.IsNullOrEmpty(subject))
        {
            return $"the issuer's token has no '{oidc.SubjectClaim}' claim (Identity:Oidc:SubjectClaim)";
        }

        // A role claim may be repeated (a JSON array): the first value that maps to a CloudGov role wins.
        var role = principal.FindAll(oidc.RoleClaim)
            .Select(c => oidc.RoleMap.TryGetValue(c.Value, out var mapped) ? mapped : c.Value)
            .FirstOrDefault(Roles.Contains);
        if (role is null)
        {
            return $"the issuer's token has no '{oidc.RoleClaim}' claim with a CloudGov role (Identity:Oidc:RoleClaim, Identity:Oidc:RoleMap)";
        }

        Replace(identity, CloudGovClaims.Subject, subject);
        Replace(identity, CloudGovClaims.Role, role);
        if (principal.FindFirst(oidc.TenantClaim)?.Value is { Length: > 0 } tenant)
        {
            Replace(identity, CloudGovClaims.Tenant, tenant);
        }

        return null;
    }

    private static void Replace(ClaimsIdentity identity, string type, string value)
    {
        foreach (var claim in identity.FindAll(type).ToList())
        {
            identity.RemoveClaim(claim);
        }

        identity.AddClaim(new Claim(type, value));
    }
}
