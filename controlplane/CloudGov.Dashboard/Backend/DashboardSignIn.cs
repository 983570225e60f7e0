using System.Security.Claims;

namespace CloudGov.Dashboard.Backend;

/// <summary>The outcome of a sign-in: the validated principal and when its token expires, or what was wrong.</summary>
/// <param name="Principal">The caller the token names; null when refused.</param>
/// <param name="ExpiresAt">The token's expiry (the cookie lasts no longer).</param>
/// <param name="Problem">Why the token was refused; null when accepted.</param>
public sealed record DashboardSignIn(ClaimsPrincipal? Principal, DateTimeOffset? ExpiresAt, string? Problem);
