namespace CloudGov.Dashboard.Backend;

/// <summary>The dashboard's cookie sign-in: scheme, policy, cookie and the claims it keeps.</summary>
public static class DashboardAuth
{
    /// <summary>The cookie authentication scheme.</summary>
    public const string CookieScheme = "CloudGovDashboard";

    /// <summary>The authorization policy of every dashboard page and the circuit.</summary>
    public const string Policy = "CloudGovDashboard";

    /// <summary>The cookie (HTTP-only, Secure, SameSite=Strict; data-protected; lasts no longer than the token).</summary>
    public const string CookieName = "cloudgov_dashboard";

    /// <summary>The sign-in page.</summary>
    public const string SignInPath = "/dashboard/signin";

    /// <summary>The claim of the acting subject (as the API reads it).</summary>
    public const string SubjectClaim = "sub";

    /// <summary>The claim of the role (as the API reads it).</summary>
    public const string RoleClaim = "cloudgov_role";

    /// <summary>The claim of a tenant's id (as the API reads it).</summary>
    public const string TenantClaim = "cloudgov_tenant";

    /// <summary>When the token behind the sign-in expires (ISO 8601), so a circuit outliving it stops acting.</summary>
    public const string ExpiresClaim = "cloudgov_dashboard_expires";

    /// <summary>The longest token the sign-in form reads, in characters.</summary>
    public const int MaxTokenLength = 8192;
}
